using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Testing;

namespace Marketplace.Catalogue.Tests.Features.Search;

/// <summary>Each filter narrows the results; each facet counts what its values would find with the other filters kept.</summary>
[Collection(SystemCollection.Name)]
public sealed class Filtering_and_counting_facets(MarketplaceSystem system) : IAsyncLifetime
{
    private const string La = "E06000003";
    private readonly Catalogue catalogue = new(system);

    public async Task InitializeAsync()
    {
        if (await catalogue.ScalarAsync<int>("SELECT count(*) FROM catalogue_offers WHERE areas_served @> ARRAY[@La]", new { La }) > 0)
        {
            return;
        }

        var provider = Guid.NewGuid();
        await catalogue.PublishAsync(provider, Catalogue.Offer("Alpha talk group", La, needs: ["SLCN", "ASD"], minAge: 2, maxAge: 6, modes: ["in-person"], pence: 0, budget: false));
        await catalogue.PublishAsync(provider, Catalogue.Offer("Bravo online therapy", La, needs: ["SLCN"], minAge: 8, maxAge: 16, modes: ["online"], tier: "specialist"));
        await catalogue.PublishAsync(provider, Catalogue.Offer("Charlie home visits", La, "physiotherapy", ["PD"], minAge: 0, maxAge: 25, modes: ["at-home", "in-person"], tier: "specialist"));
        await catalogue.PublishAsync(provider, Catalogue.Offer("Delta autism club", La, "play-and-leisure", ["ASD"], minAge: 11, maxAge: 18, area: "social-care", tier: "universal", pence: 0));
    }

    public async Task DisposeAsync() => await catalogue.DisposeAsync();

    [Theory]
    [InlineData("need=ASD", new[] { "Alpha talk group", "Delta autism club" })]
    [InlineData("need=PD", new[] { "Charlie home visits" })]
    [InlineData("age=3", new[] { "Alpha talk group", "Charlie home visits" })]
    [InlineData("age=16", new[] { "Bravo online therapy", "Charlie home visits", "Delta autism club" })]
    [InlineData("deliveryMode=online", new[] { "Bravo online therapy" })]
    [InlineData("deliveryMode=in-person", new[] { "Alpha talk group", "Charlie home visits", "Delta autism club" })]
    [InlineData("tier=specialist", new[] { "Bravo online therapy", "Charlie home visits" })]
    [InlineData("area=social-care", new[] { "Delta autism club" })]
    [InlineData("serviceType=physiotherapy", new[] { "Charlie home visits" })]
    [InlineData("free=true", new[] { "Alpha talk group", "Delta autism club" })]
    [InlineData("budgetEligible=true", new[] { "Bravo online therapy", "Charlie home visits", "Delta autism club" })]
    [InlineData("need=ASD&free=true&age=12", new[] { "Delta autism club" })]
    public async Task A_filter_finds_only_the_offers_that_match_it(string filter, string[] expected)
    {
        using var anonymous = system.Gateway();
        var names = await Catalogue.SearchNamesAsync(anonymous, $"la={La}&sort=name&{filter}");

        Assert.Equal(expected, names);
    }

    [Fact]
    public async Task Facets_count_every_value_over_the_offers_of_the_other_filters()
    {
        using var anonymous = system.Gateway();
        var page = await anonymous.GetFromJsonAsync<JsonElement>($"/api/catalogue/search?la={La}&need=ASD");
        var facets = page.GetProperty("facets");

        Assert.Equal(2, page.GetProperty("total").GetInt32());
        // The need facet ignores the need filter, so the other needs still show what choosing them would find.
        Assert.Equal(new Dictionary<string, int> { ["ASD"] = 2, ["PD"] = 1, ["SLCN"] = 2 }, Counts(facets, "need"));
        // The others count the two ASD offers.
        Assert.Equal(new Dictionary<string, int> { ["targeted"] = 1, ["universal"] = 1 }, Counts(facets, "tier"));
        Assert.Equal(new Dictionary<string, int> { ["health"] = 1, ["social-care"] = 1 }, Counts(facets, "area"));
        Assert.Equal(new Dictionary<string, int> { ["in-person"] = 2 }, Counts(facets, "deliveryMode"));
        Assert.Equal(new Dictionary<string, int> { ["0-4"] = 1, ["5-10"] = 1, ["11-15"] = 1, ["16-19"] = 1 }, Counts(facets, "ageBand"));
        Assert.Equal(new Dictionary<string, int> { ["true"] = 2 }, Counts(facets, "free"));
        Assert.Equal(new Dictionary<string, int> { ["true"] = 1 }, Counts(facets, "budgetEligible"));
        Assert.Equal(2, Counts(facets, "la")[La]);
    }

    [Fact]
    public async Task Paging_walks_through_every_result_once()
    {
        using var anonymous = system.Gateway();
        var seen = new List<string>();
        for (var page = 1; page <= 3; page++)
        {
            seen.AddRange(await Catalogue.SearchNamesAsync(anonymous, $"la={La}&sort=name&pageSize=2&page={page}"));
        }

        Assert.Equal(["Alpha talk group", "Bravo online therapy", "Charlie home visits", "Delta autism club"], seen);
    }

    private static Dictionary<string, int> Counts(JsonElement facets, string name) =>
        facets.GetProperty(name).EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetInt32());
}
