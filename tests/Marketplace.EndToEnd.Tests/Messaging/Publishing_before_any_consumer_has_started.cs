using Dapper;
using Marketplace.Testing;
using Npgsql;

namespace Marketplace.EndToEnd.Tests.Messaging;

/// <summary>
/// A fresh deployment where the publisher comes up first: onboarding seeds the demo region and publishes every event
/// on a broker where no consumer has ever declared a queue, and only then do the other services start for the first
/// time. RabbitMQ drops a message no queue is bound for, so without the publisher declaring its consumers' queues
/// (ADR 0018) the catalogue, purchasing and commissioning would start empty.
/// </summary>
public sealed class Publishing_before_any_consumer_has_started : IAsyncLifetime
{
    private readonly MarketplaceSystem system = new() { StartFirst = ["onboarding"] };

    public Task InitializeAsync() => system.InitializeAsync();

    public Task DisposeAsync() => system.DisposeAsync();

    [Fact]
    public async Task Every_consumer_still_receives_every_event()
    {
        await using var onboarding = new NpgsqlConnection(system.ConnectionString("onboarding"));
        var published = await onboarding.ExecuteScalarAsync<int>("SELECT count(*) FROM offers WHERE status = 'published'");
        var lastSent = await onboarding.ExecuteScalarAsync<DateTime>("SELECT max(sent_at) FROM outbox_messages");
        Assert.True(published > 100, $"the demo region publishes its offers ({published})");

        var consumers = new (string Service, string Count)[]
        {
            ("catalogue", "SELECT count(*) FROM catalogue_offers WHERE status = 'published'"),
            ("purchasing", "SELECT count(*) FROM purchasing_offers WHERE status = 'published'"),
            ("commissioning", "SELECT count(*) FROM offers WHERE status = 'published'"),
        };
        foreach (var (service, count) in consumers)
        {
            await using var connection = new NpgsqlConnection(system.ConnectionString(service));
            await Eventually.Async(async () => await connection.ExecuteScalarAsync<int>(count) == published,
                TimeSpan.FromSeconds(60), $"{service} to hold all {published} published offers\n{system.RecentLog()}");

            // It really started after every event had been published: its first handled message came later.
            var firstHandled = await connection.ExecuteScalarAsync<DateTime>("SELECT min(processed_at) FROM inbox_messages");
            Assert.True(firstHandled > lastSent, $"{service} handled its first event at {firstHandled:O}, onboarding sent its last at {lastSent:O}");
        }
    }
}
