using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Marketplace.Testing;

namespace Marketplace.EndToEnd.Tests.Thread;

/// <summary>The foundation's thread: a provider publishes an offer and the public Local Offer shows it.</summary>
[Collection(SystemCollection.Name)]
public sealed class Publishing_an_offer(MarketplaceSystem system)
{
    [Fact]
    public async Task Is_found_through_the_gateway_within_two_seconds_and_withdrawing_removes_it()
    {
        var provider = system.As(await system.TokenAsync("provider@demo.localoffer.test"));
        using var anonymous = system.Gateway();
        var word = $"Quillon{Guid.NewGuid():N}"[..14];
        var offerId = await TestOffers.CreateAsync(provider, TestOffers.ValidOffer($"{word} communication club"));

        Assert.DoesNotContain(offerId, await TestOffers.OrukSearchAsync(anonymous, word));

        var clock = Stopwatch.StartNew();
        await TestOffers.PublishAsync(provider, offerId);
        await Eventually.Async(async () => (await TestOffers.OrukSearchAsync(anonymous, word)).Contains(offerId), TimeSpan.FromSeconds(2),
            $"the published offer in /oruk/services\n{system.RecentLog()}");
        clock.Stop();
        Assert.Contains(offerId, await TestOffers.PublicSearchAsync(anonymous, word));

        var service = await anonymous.GetAsync($"/oruk/services/{offerId}");
        Assert.Equal(HttpStatusCode.OK, service.StatusCode);
        Assert.Equal("*", service.Headers.GetValues("Access-Control-Allow-Origin").Single());
        var json = JsonDocument.Parse(await service.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal($"{word} communication club", json.GetProperty("name").GetString());
        Assert.Equal("Brightpath Therapies", json.GetProperty("organization").GetProperty("name").GetString());

        var withdrawal = await provider.DeleteAsync($"/api/onboarding/offers/{offerId}/publication");
        Assert.Equal(HttpStatusCode.NoContent, withdrawal.StatusCode);
        await Eventually.Async(async () => !(await TestOffers.OrukSearchAsync(anonymous, word)).Contains(offerId), TimeSpan.FromSeconds(5),
            "the withdrawn offer to leave /oruk/services");
        Assert.DoesNotContain(offerId, await TestOffers.PublicSearchAsync(anonymous, word));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/oruk/services/{offerId}")).StatusCode);
    }

    [Fact]
    public async Task A_misspelt_search_still_finds_the_demo_speech_therapy()
    {
        using var anonymous = system.Gateway();
        var page = JsonDocument.Parse(await anonymous.GetStringAsync("/api/catalogue/search?q=speach%20therapy&pageSize=5")).RootElement;
        Assert.True(page.GetProperty("total").GetInt32() > 0, "no results for a misspelling");
        Assert.Equal("speech therapy", page.GetProperty("searchedFor").GetString());
        var top = page.GetProperty("items")[0];
        Assert.Equal("speech-and-language-therapy", top.GetProperty("serviceType").GetString());
        Assert.Contains("speech", top.GetProperty("name").GetString()!, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_demo_region_has_over_five_hundred_published_offers_across_the_north_west()
    {
        using var anonymous = system.Gateway();
        var page = JsonDocument.Parse(await anonymous.GetStringAsync("/api/catalogue/search?pageSize=1")).RootElement;
        Assert.True(page.GetProperty("total").GetInt32() >= 500, $"only {page.GetProperty("total").GetInt32()} offers");
        var areas = page.GetProperty("facets").GetProperty("la").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(24, areas.Count(a => Marketplace.ServiceDefaults.Demo.DemoRegion.LocalAuthorities.Any(la => la.Code == a)));
    }

    [Fact]
    public async Task Every_service_and_the_gateway_report_ready()
    {
        using var client = new HttpClient();
        foreach (var (name, port) in system.Ports)
        {
            var response = await client.GetAsync($"http://127.0.0.1:{port}/health/ready");
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{name} is not ready: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
