using Dapper;
using MassTransit;
using Marketplace.Contracts.Onboarding;
using Marketplace.Testing;
using Npgsql;

namespace Marketplace.EndToEnd.Tests.Messaging;

/// <summary>Publishes straight onto the test system's broker, as a redelivering relay would.</summary>
[Collection(SystemCollection.Name)]
public sealed class Delivering_the_same_event_twice(MarketplaceSystem system) : IAsyncLifetime
{
    private IBusControl bus = null!;

    public async Task InitializeAsync()
    {
        // The catalogue must be listening (it may still be reconnecting after another test's broker outage).
        using var http = new HttpClient();
        await Eventually.Async(async () => (await http.GetAsync($"http://127.0.0.1:{system.Ports["catalogue"]}/health/ready")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60), "the catalogue to be ready");
        var amqp = new Uri(system.Amqp);
        bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(amqp.Host, (ushort)amqp.Port, system.VirtualHost, h =>
        {
            h.Username("guest");
            h.Password("guest");
        }));
        await bus.StartAsync();
    }

    public Task DisposeAsync() => bus.StopAsync();

    [Fact]
    public async Task Leaves_one_catalogue_row_and_one_inbox_entry()
    {
        var offerId = Guid.NewGuid();
        var messageId = Guid.NewGuid();
        var message = Published(offerId, 1, "Duplicate delivery club");

        await bus.Publish(message, ctx => ctx.MessageId = messageId);
        await bus.Publish(message, ctx => ctx.MessageId = messageId);

        await using var catalogue = new NpgsqlConnection(system.ConnectionString("catalogue"));
        await Eventually.Async(async () => await catalogue.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM catalogue_offers WHERE id = @offerId", new { offerId }) == 1, TimeSpan.FromSeconds(10), "the offer row");
        // Give the second delivery time to arrive and be dropped.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(1, await catalogue.ExecuteScalarAsync<int>("SELECT count(*) FROM catalogue_offers WHERE id = @offerId", new { offerId }));
        Assert.Equal(1, await catalogue.ExecuteScalarAsync<int>("SELECT count(*) FROM inbox_messages WHERE message_id = @messageId", new { messageId }));
    }

    [Fact]
    public async Task An_older_version_arriving_late_does_not_overwrite_a_newer_one()
    {
        var offerId = Guid.NewGuid();
        await bus.Publish(Published(offerId, 2, "Version two name"), ctx => ctx.MessageId = Guid.NewGuid());
        await using var catalogue = new NpgsqlConnection(system.ConnectionString("catalogue"));
        await Eventually.Async(async () => await catalogue.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM catalogue_offers WHERE id = @offerId", new { offerId }) == 1, TimeSpan.FromSeconds(10), "version 2");

        var lateId = Guid.NewGuid();
        await bus.Publish(Published(offerId, 1, "Version one name"), ctx => ctx.MessageId = lateId);
        await Eventually.Async(async () => await catalogue.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM inbox_messages WHERE message_id = @lateId", new { lateId }) == 1, TimeSpan.FromSeconds(10), "the late version to be handled");

        var row = await catalogue.QuerySingleAsync<(int Version, string Name)>("SELECT version, name FROM catalogue_offers WHERE id = @offerId", new { offerId });
        Assert.Equal((2, "Version two name"), row);
    }

    private static OfferPublished Published(Guid offerId, int version, string name) => new(
        offerId, Guid.NewGuid(), version,
        new OfferSnapshot(name, "A test offer.", "Test Provider", "play-and-leisure", ["ASD"], "social-care", "universal", 5, 11,
            ["E08000003"], ["in-person"], "", "", [new CostOption("Free", 0, "free")], null, null, false, false, null, null, []),
        DateTimeOffset.UtcNow);
}
