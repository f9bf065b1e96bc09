using System.Net;
using Marketplace.Testing;

namespace Marketplace.Catalogue.Tests.Gateway;

/// <summary>The public search page (no JavaScript needed): every filter, counts beside each choice, and what was searched for.</summary>
[Collection(SystemCollection.Name)]
public sealed class Searching_on_the_site(MarketplaceSystem system)
{
    [Fact]
    public async Task Each_choice_shows_how_many_services_it_would_find()
    {
        using var anonymous = system.Gateway();
        var api = await Catalogue.GetJsonAsync(anonymous, "/api/catalogue/search?need=ASD&pageSize=1");
        var asd = api.GetProperty("facets").GetProperty("need").GetProperty("ASD").GetInt32();
        var online = api.GetProperty("facets").GetProperty("deliveryMode").GetProperty("online").GetInt32();

        var html = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/search?need=ASD"));

        Assert.Contains($"{api.GetProperty("total").GetInt32()} results", html);
        Assert.Contains($">Autistic spectrum disorder ({asd})</option>", html);
        Assert.Contains($">Online ({online})</option>", html);
    }

    [Theory]
    [InlineData("serviceType=physiotherapy")]
    [InlineData("deliveryMode=at-home")]
    [InlineData("serviceType=short-breaks-and-respite&deliveryMode=in-person&sort=name")]
    public async Task The_new_filters_narrow_the_results_as_the_api_does(string filters)
    {
        using var anonymous = system.Gateway();
        var total = (await Catalogue.GetJsonAsync(anonymous, $"/api/catalogue/search?{filters}&pageSize=1")).GetProperty("total").GetInt32();
        var all = (await Catalogue.GetJsonAsync(anonymous, "/api/catalogue/search?pageSize=1")).GetProperty("total").GetInt32();
        Assert.InRange(total, 1, all - 1);

        var html = await anonymous.GetStringAsync($"/search?{filters}");

        Assert.Contains($"{total} results", html);
    }

    [Fact]
    public async Task A_corrected_misspelling_is_shown()
    {
        using var anonymous = system.Gateway();
        var html = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/search?q=speach+therapy"));

        Assert.Contains("Showing results for <strong>speech therapy</strong>", html);
    }

    [Fact]
    public async Task A_search_that_finds_nothing_offers_the_same_search_without_each_filter()
    {
        using var anonymous = system.Gateway();
        var html = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/search?q=Qwvxzkplonk&need=VI&tier=universal&free=true"));

        Assert.Contains("No services found", html);
        Assert.Contains("<a class=\"govuk-link\" href=\"/search?need=VI&tier=universal&free=true&page=1\">search without the words ‘Qwvxzkplonk’</a>", html);
        Assert.Contains("<a class=\"govuk-link\" href=\"/search?q=Qwvxzkplonk&tier=universal&free=true&page=1\">any need, not just visual impairment</a>", html);
        Assert.Contains("<a class=\"govuk-link\" href=\"/search?q=Qwvxzkplonk&need=VI&free=true&page=1\">any level of support</a>", html);
        Assert.Contains("<a class=\"govuk-link\" href=\"/search?q=Qwvxzkplonk&need=VI&tier=universal&page=1\">paid services too</a>", html);
        Assert.Contains("href=\"/information/advice-and-support\"", html);
    }

    [Fact]
    public async Task An_unknown_filter_value_is_ignored_not_an_error()
    {
        using var anonymous = system.Gateway();
        var response = await anonymous.GetAsync("/search?serviceType=astrology&deliveryMode=teleport&sort=price");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("There is a problem", await response.Content.ReadAsStringAsync());
    }
}
