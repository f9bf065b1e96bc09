using System.Net;
using System.Text.Json;
using Marketplace.Testing;

namespace Marketplace.Catalogue.Tests.Features.Search;

/// <summary>Whatever is typed into the address bar, the search answers 400 with the field named, never a 500.</summary>
[Collection(SystemCollection.Name)]
public sealed class Searching_with_bad_input(MarketplaceSystem system)
{
    [Theory]
    [InlineData("page=0", "page")]
    [InlineData("page=two", "page")]
    [InlineData("pageSize=10000", "pageSize")]
    [InlineData("pageSize=0", "pageSize")]
    [InlineData("age=-1", "age")]
    [InlineData("age=26", "age")]
    [InlineData("age=seven", "age")]
    [InlineData("need=XYZ", "need")]
    [InlineData("la=Manchester", "la")]
    [InlineData("tier=premium", "tier")]
    [InlineData("area=sport", "area")]
    [InlineData("serviceType=astrology", "serviceType")]
    [InlineData("deliveryMode=teleport", "deliveryMode")]
    [InlineData("free=perhaps", "free")]
    [InlineData("budgetEligible=1x", "budgetEligible")]
    [InlineData("sort=price", "sort")]
    public async Task Is_refused_with_the_field_named(string query, string field)
    {
        using var anonymous = system.Gateway();
        var response = await anonymous.GetAsync($"/api/catalogue/search?{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal([field], errors.EnumerateObject().Select(e => e.Name).ToArray());
    }

    [Fact]
    public async Task A_five_thousand_character_query_is_refused_with_field_q()
    {
        using var anonymous = system.Gateway();
        var response = await anonymous.GetAsync($"/api/catalogue/search?q={new string('a', 4_990)}+therapy");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("q", out _), errors.ToString());
    }

    [Fact]
    public async Task Several_problems_are_reported_together()
    {
        using var anonymous = system.Gateway();
        var response = await anonymous.GetAsync("/api/catalogue/search?page=0&pageSize=10000&age=-1&need=XYZ");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.Equal(["age", "need", "page", "pageSize"], errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task Words_full_of_search_operators_and_symbols_are_searched_not_failed()
    {
        using var anonymous = system.Gateway();
        foreach (var q in new[] { "\"speech", "-", "or or or", "therapy & | ! ( ) :*", "'; DROP TABLE catalogue_offers; --", "ŝpeech θerapy 😀" })
        {
            var response = await anonymous.GetAsync($"/api/catalogue/search?q={Uri.EscapeDataString(q)}");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"q={q}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
