using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.ServiceDefaults.Demo;
using Marketplace.Testing;

namespace Marketplace.Onboarding.Tests.Features.Offers;

[Collection(SystemCollection.Name)]
public sealed class Editing_a_published_offer(MarketplaceSystem system)
{
    [Fact]
    public async Task Publishes_the_next_version_at_once_when_nothing_is_moderated()
    {
        var provider = await system.SignedInAsync("provider@demo.localoffer.test");
        var (offerId, offer) = await PublishedOfferAsync(provider, "Lanternfish");

        offer["name"] = "Lanternfish social stories club";
        var saved = await (await provider.PutAsJsonAsync($"/api/onboarding/offers/{offerId}", offer)).OkJsonAsync();
        Assert.Equal(2, saved.GetProperty("version").GetInt32());

        await Eventually.Async(async () => (await CatalogueAsync(offerId)).GetProperty("name").GetString() == "Lanternfish social stories club",
            TimeSpan.FromSeconds(5), "version 2 in the catalogue");
    }

    [Fact]
    public async Task A_capacity_update_reaches_the_catalogue_without_waiting()
    {
        var provider = await system.SignedInAsync("provider@demo.localoffer.test");
        var (offerId, _) = await PublishedOfferAsync(provider, "Moonwort");

        var bad = await provider.PutAsJsonAsync($"/api/onboarding/offers/{offerId}/capacity", new { places = -1 });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.JsonAsync()).GetProperty("errors").TryGetProperty("places", out _));

        await (await provider.PutAsJsonAsync($"/api/onboarding/offers/{offerId}/capacity", new { places = 3, typicalWaitWeeks = 6 })).OkJsonAsync();
        await Eventually.Async(async () =>
        {
            var service = await CatalogueAsync(offerId);
            return service.GetProperty("places").GetInt32() == 3 && service.GetProperty("typicalWaitWeeks").GetInt32() == 6;
        }, TimeSpan.FromSeconds(5), "the new capacity in the catalogue");
    }

    [Fact]
    public async Task A_moderated_change_waits_for_an_officer_and_a_refusal_changes_nothing()
    {
        var provider = await system.SignedInAsync("provider@demo.localoffer.test");
        var officer = await system.SignedInAsync("officer@demo.localoffer.test");
        var (offerId, offer) = await PublishedOfferAsync(provider, "Quillwort");
        Assert.Equal(HttpStatusCode.NoContent, (await officer.PutAsJsonAsync("/api/onboarding/moderation-settings", new { fieldSets = new[] { "prices" } })).StatusCode);
        try
        {
            offer["costOptions"] = new[] { new { label = "One session", amountPence = 9900, unit = "session" } };
            var held = await provider.PutAsJsonAsync($"/api/onboarding/offers/{offerId}", offer);
            Assert.Equal(HttpStatusCode.Accepted, held.StatusCode);
            Assert.Equal("awaiting-moderation", (await held.JsonAsync()).GetProperty("status").GetString());
            await Task.Delay(500);
            Assert.Equal(4500, Price(await CatalogueAsync(offerId)));

            var queue = await (await officer.GetAsync("/api/onboarding/moderation-queue")).OkJsonAsync();
            Assert.Contains(queue.EnumerateArray(), e => e.GetProperty("offerId").GetGuid() == offerId);

            await (await officer.PostAsJsonAsync($"/api/onboarding/offers/{offerId}/moderation", new { outcome = "approved", reason = "Price matches the framework rate" })).OkJsonAsync();
            await Eventually.Async(async () => Price(await CatalogueAsync(offerId)) == 9900, TimeSpan.FromSeconds(5), "the approved price in the catalogue");

            offer["costOptions"] = new[] { new { label = "One session", amountPence = 25000, unit = "session" } };
            Assert.Equal(HttpStatusCode.Accepted, (await provider.PutAsJsonAsync($"/api/onboarding/offers/{offerId}", offer)).StatusCode);
            await (await officer.PostAsJsonAsync($"/api/onboarding/offers/{offerId}/moderation", new { outcome = "rejected", reason = "Far above comparable services" })).OkJsonAsync();
            var notices = await (await provider.GetAsync($"/api/onboarding/providers/{DemoRegion.DemoProviderId}/notices")).OkJsonAsync();
            Assert.Contains(notices.EnumerateArray(), n => n.GetProperty("message").GetString()!.Contains("Far above comparable services"));
            await Task.Delay(500);
            Assert.Equal(9900, Price(await CatalogueAsync(offerId)));
        }
        finally
        {
            await officer.PutAsJsonAsync("/api/onboarding/moderation-settings", new { fieldSets = Array.Empty<string>() });
        }
    }

    private static long Price(JsonElement service) => service.GetProperty("costOptions")[0].GetProperty("amountPence").GetInt64();

    private async Task<(Guid, Dictionary<string, object?>)> PublishedOfferAsync(HttpClient provider, string word)
    {
        var offer = TestOffers.ValidOffer($"{word} {Guid.NewGuid():N}"[..30]);
        var offerId = await TestOffers.CreateAsync(provider, offer);
        await TestOffers.PublishAsync(provider, offerId);
        await Eventually.Async(async () => (await system.Gateway().GetAsync($"/api/catalogue/services/{offerId}")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(5), "the offer in the catalogue");
        return (offerId, offer);
    }

    private async Task<JsonElement> CatalogueAsync(Guid offerId) =>
        JsonDocument.Parse(await system.Gateway().GetStringAsync($"/api/catalogue/services/{offerId}")).RootElement;
}
