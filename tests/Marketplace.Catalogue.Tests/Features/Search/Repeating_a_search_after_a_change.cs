using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Contracts.Onboarding;
using Marketplace.Testing;

namespace Marketplace.Catalogue.Tests.Features.Search;

/// <summary>
/// Search caches its answers until the catalogue changes: the same search, asked again after an offer is published,
/// withdrawn or hidden, must count and list what is there now, never what was there when it was first asked.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class Repeating_a_search_after_a_change(MarketplaceSystem system) : IAsyncLifetime
{
    private const string La = "E06000004";
    private readonly Catalogue catalogue = new(system);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await catalogue.DisposeAsync();

    [Fact]
    public async Task Counts_and_lists_what_the_catalogue_holds_now()
    {
        using var anonymous = system.Gateway();
        const string query = $"/api/catalogue/search?la={La}&need=VI&sort=name";
        var before = await anonymous.GetFromJsonAsync<JsonElement>(query);
        var areaCount = AreaCount(before);
        var total = before.GetProperty("total").GetInt32();
        // Asked twice, so the answer is certainly in the cache.
        Assert.Equal(total, (await anonymous.GetFromJsonAsync<JsonElement>(query)).GetProperty("total").GetInt32());

        var offerId = await catalogue.PublishAsync(Guid.NewGuid(), Catalogue.Offer("Aardvark braille club", La, needs: ["VI"]));

        var after = await anonymous.GetFromJsonAsync<JsonElement>(query);
        Assert.Equal(total + 1, after.GetProperty("total").GetInt32());
        Assert.Equal(areaCount + 1, AreaCount(after));
        Assert.Equal("Aardvark braille club", after.GetProperty("items")[0].GetProperty("name").GetString());

        await catalogue.HandledAsync(await catalogue.SendAsync(new OfferWithdrawn(offerId, Guid.Empty, 2, "Closed", DateTimeOffset.UtcNow)));

        var withdrawn = await anonymous.GetFromJsonAsync<JsonElement>(query);
        Assert.Equal(total, withdrawn.GetProperty("total").GetInt32());
        Assert.Equal(areaCount, AreaCount(withdrawn));
    }

    /// <summary>The local-authority facet's count for the area: counted with the area filter set aside.</summary>
    private static int AreaCount(JsonElement page) =>
        page.GetProperty("facets").GetProperty("la").TryGetProperty(La, out var count) ? count.GetInt32() : 0;
}
