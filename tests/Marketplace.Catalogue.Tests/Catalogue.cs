using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using MassTransit;
using Marketplace.Contracts.Onboarding;
using Marketplace.Testing;
using Npgsql;

namespace Marketplace.Catalogue.Tests;

/// <summary>
/// Drives the catalogue as onboarding would: events published straight onto the test system's broker (each with
/// its own message id, as the outbox relay sends them), then read back through the gateway. Each test class uses
/// local authorities outside the demo region (the North West), so its offers never mix with the demo's or another
/// class's.
/// </summary>
public sealed class Catalogue(MarketplaceSystem system) : IAsyncDisposable
{
    private IBusControl? bus;

    public MarketplaceSystem System => system;

    public async Task<IBus> BusAsync()
    {
        if (bus is not null)
        {
            return bus;
        }

        // The catalogue must be listening (its queues exist once it is ready).
        using var http = new HttpClient();
        await Eventually.Async(async () => (await http.GetAsync($"http://127.0.0.1:{system.Ports["catalogue"]}/health/ready")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(60), "the catalogue to be ready");
        var amqp = new Uri(system.Amqp);
        var created = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(amqp.Host, (ushort)amqp.Port, system.VirtualHost, h =>
        {
            h.Username("guest");
            h.Password("guest");
        }));
        await created.StartAsync();
        bus = created;
        return created;
    }

    public async Task<Guid> SendAsync<T>(T message)
        where T : class
    {
        var messageId = Guid.NewGuid();
        await (await BusAsync()).Publish(message, ctx => ctx.MessageId = messageId);
        return messageId;
    }

    /// <summary>Publishes version 1 of an offer and waits until the catalogue holds it.</summary>
    public async Task<Guid> PublishAsync(Guid providerId, OfferSnapshot offer, int version = 1, Guid? offerId = null)
    {
        var id = offerId ?? Guid.NewGuid();
        await SendAsync(new OfferPublished(id, providerId, version, offer, DateTimeOffset.UtcNow));
        await Eventually.Async(async () => await ScalarAsync<int>(
            "SELECT count(*) FROM catalogue_offers WHERE id = @id AND version >= @version", new { id, version }) == 1,
            TimeSpan.FromSeconds(15), $"offer {offer.Name} in the catalogue\n{system.RecentLog(20)}");
        return id;
    }

    /// <summary>Waits until the catalogue has handled the message (its inbox row).</summary>
    public Task HandledAsync(Guid messageId) => Eventually.Async(async () => await ScalarAsync<int>(
        "SELECT count(*) FROM inbox_messages WHERE message_id = @messageId", new { messageId }) > 0,
        TimeSpan.FromSeconds(15), $"message {messageId} to be handled\n{system.RecentLog(20)}");

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var connection = new NpgsqlConnection(system.ConnectionString("catalogue"));
        return (await connection.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public static OfferSnapshot Offer(
        string name, string la, string serviceType = "speech-and-language-therapy", string[]? needs = null, string description = "A service for children.",
        string tier = "targeted", string area = "health", int minAge = 4, int maxAge = 11, string[]? modes = null, long pence = 4500,
        bool budget = true, string provider = "Test Provider", OfferLocation[]? locations = null) => new(
        name, description, provider, serviceType, needs ?? ["SLCN"], area, tier, minAge, maxAge, [la], modes ?? ["in-person"],
        "Any child in the area.", "Email us.", [pence == 0 ? new CostOption("No charge", 0, "free") : new CostOption("One session", pence, "session")],
        8, 2, budget, false, "hello@example.org", "0161 496 0000", locations ?? []);

    public static async Task<JsonElement> GetJsonAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement;
    }

    public static async Task<List<string>> SearchNamesAsync(HttpClient client, string query)
    {
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/catalogue/search?{query}");
        return page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (bus is not null)
        {
            await bus.StopAsync();
        }
    }
}
