using Dapper;
using Marketplace.Testing;
using Npgsql;

namespace Marketplace.EndToEnd.Tests.Messaging;

[Collection(SystemCollection.Name)]
public sealed class Publishing_while_the_broker_is_down(MarketplaceSystem system)
{
    [Fact]
    public async Task Loses_no_event_and_the_catalogue_receives_each_exactly_once()
    {
        var provider = system.As(await system.TokenAsync("provider@demo.localoffer.test"));
        var ids = new List<Guid>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add(await TestOffers.CreateAsync(provider, TestOffers.ValidOffer($"Outage test {i} {Guid.NewGuid():N}")));
        }

        TestServers.RabbitCtl("stop_app");
        try
        {
            foreach (var id in ids)
            {
                await TestOffers.PublishAsync(provider, id);
            }

            await using var onboarding = new NpgsqlConnection(system.ConnectionString("onboarding"));
            await Task.Delay(TimeSpan.FromSeconds(2));
            var unsent = await onboarding.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL AND body ->> 'offerId' = ANY(@ids)",
                new { ids = ids.Select(i => i.ToString()).ToArray() });
            Assert.Equal(3, unsent);

            // Readiness tells the truth: without its broker a service is not ready.
            using var onboardingHttp = system.Service("onboarding");
            await Eventually.Async(async () => (await onboardingHttp.GetAsync("/health/ready")).StatusCode != System.Net.HttpStatusCode.OK,
                TimeSpan.FromSeconds(30), "onboarding to report not ready while the broker is down");
        }
        finally
        {
            TestServers.RabbitCtl("start_app");
        }

        await using var catalogue = new NpgsqlConnection(system.ConnectionString("catalogue"));
        await Eventually.Async(async () => await catalogue.ExecuteScalarAsync<int>(
                "SELECT count(*) FROM catalogue_offers WHERE status = 'published' AND id = ANY(@ids)", new { ids = ids.ToArray() }) == 3,
            TimeSpan.FromSeconds(90), $"the three offers in the catalogue after the broker came back\n{system.RecentLog()}");

        // Every service reconnects by itself and reports ready again.
        using var http = new HttpClient();
        foreach (var name in MarketplaceSystem.Services)
        {
            await Eventually.Async(async () => (await http.GetAsync($"http://127.0.0.1:{system.Ports[name]}/health/ready")).IsSuccessStatusCode,
                TimeSpan.FromSeconds(60), $"{name} to be ready again after the outage");
        }

        await using var outbox = new NpgsqlConnection(system.ConnectionString("onboarding"));
        var messageIds = (await outbox.QueryAsync<Guid>(
            "SELECT id FROM outbox_messages WHERE body ->> 'offerId' = ANY(@ids) AND message_type LIKE '%OfferPublished'",
            new { ids = ids.Select(i => i.ToString()).ToArray() })).ToArray();
        Assert.Equal(3, messageIds.Length);
        var handled = await catalogue.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM inbox_messages WHERE message_id = ANY(@messageIds)", new { messageIds });
        Assert.Equal(3, handled);
        await Eventually.Async(async () => await outbox.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL") == 0, TimeSpan.FromSeconds(10), "the outbox to drain");
    }
}
