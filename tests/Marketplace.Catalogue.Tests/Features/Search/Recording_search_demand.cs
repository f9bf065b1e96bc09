using System.Text.Json;
using Marketplace.Testing;

namespace Marketplace.Catalogue.Tests.Features.Search;

/// <summary>Every search becomes a SearchPerformed event (commissioning's demand signal), with nothing personal in it.</summary>
[Collection(SystemCollection.Name)]
public sealed class Recording_search_demand(MarketplaceSystem system)
{
    private readonly Catalogue catalogue = new(system);

    [Fact]
    public async Task A_search_writes_one_event_with_its_filters_and_count_but_not_its_words()
    {
        const string Type = "Marketplace.Contracts.Catalogue.SearchPerformed";
        using var anonymous = system.Gateway();
        var before = await catalogue.ScalarAsync<long>("SELECT coalesce(max(seq), 0) FROM outbox_messages");

        var page = await Catalogue.GetJsonAsync(anonymous, "/api/catalogue/search?q=Jane%20Doe%20speech&need=SLCN&age=7&la=E06000004&deliveryMode=online&free=true");

        var rows = await catalogue.ScalarAsync<int>("SELECT count(*) FROM outbox_messages WHERE seq > @before", new { before });
        Assert.Equal(1, rows);
        var body = JsonDocument.Parse(await catalogue.ScalarAsync<string>(
            "SELECT body::text FROM outbox_messages WHERE seq > @before AND message_type = @Type", new { before, Type })).RootElement;
        Assert.Equal("SLCN", body.GetProperty("need").GetString());
        Assert.Equal(7, body.GetProperty("age").GetInt32());
        Assert.Equal("E06000004", body.GetProperty("localAuthority").GetString());
        Assert.Equal("online", body.GetProperty("deliveryMode").GetString());
        Assert.True(body.GetProperty("freeOnly").GetBoolean());
        Assert.True(body.GetProperty("hadWords").GetBoolean());
        Assert.Equal(page.GetProperty("total").GetInt32(), body.GetProperty("resultCount").GetInt32());
        Assert.DoesNotContain("Jane", body.GetRawText(), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("speech", body.GetRawText(), StringComparison.OrdinalIgnoreCase);

        // The relay publishes it to the broker.
        await Eventually.Async(async () => await catalogue.ScalarAsync<int>(
            "SELECT count(*) FROM outbox_messages WHERE seq > @before AND sent_at IS NOT NULL", new { before }) == 1,
            TimeSpan.FromSeconds(10), "the SearchPerformed event to be sent");
    }

    [Fact]
    public async Task A_refused_search_writes_no_event()
    {
        using var anonymous = system.Gateway();
        var before = await catalogue.ScalarAsync<long>("SELECT coalesce(max(seq), 0) FROM outbox_messages");

        await anonymous.GetAsync("/api/catalogue/search?need=XYZ");

        Assert.Equal(0, await catalogue.ScalarAsync<int>("SELECT count(*) FROM outbox_messages WHERE seq > @before", new { before }));
    }
}
