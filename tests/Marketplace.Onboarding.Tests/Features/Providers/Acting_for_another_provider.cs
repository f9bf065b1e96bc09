using System.Net;
using System.Net.Http.Json;
using Dapper;
using Marketplace.ServiceDefaults.Demo;
using Marketplace.Testing;
using Npgsql;

namespace Marketplace.Onboarding.Tests.Features.Providers;

/// <summary>provider2 tries every provider route on the demo provider's records: each is refused and nothing changes.</summary>
[Collection(SystemCollection.Name)]
public sealed class Acting_for_another_provider(MarketplaceSystem system)
{
    [Fact]
    public async Task Is_refused_on_every_route()
    {
        var victim = DemoRegion.DemoProviderId;
        var offerId = await DemoOfferAsync();
        var intruder = await system.SignedInAsync("provider2@demo.localoffer.test");
        var before = await FingerprintAsync();

        var attempts = new (string Route, Func<Task<HttpResponseMessage>> Call)[]
        {
            ("GET provider", () => intruder.GetAsync($"/api/onboarding/providers/{victim}")),
            ("PUT provider", () => intruder.PutAsJsonAsync($"/api/onboarding/providers/{victim}", Api.Registration("Hijacked", "E08000003"))),
            ("POST submission", () => intruder.PostAsync($"/api/onboarding/providers/{victim}/submission", null)),
            ("GET notices", () => intruder.GetAsync($"/api/onboarding/providers/{victim}/notices")),
            ("POST evidence", () => intruder.PostAsync($"/api/onboarding/providers/{victim}/evidence", Api.Evidence("safeguarding-policy", "2030-01-01", Api.Pdf, "x.pdf"))),
            ("GET offers", () => intruder.GetAsync($"/api/onboarding/providers/{victim}/offers")),
            ("POST offer", () => intruder.PostAsJsonAsync($"/api/onboarding/providers/{victim}/offers", TestOffers.ValidOffer("Hijacked offer"))),
            ("GET offer", () => intruder.GetAsync($"/api/onboarding/offers/{offerId}")),
            ("PUT offer", () => intruder.PutAsJsonAsync($"/api/onboarding/offers/{offerId}", TestOffers.ValidOffer("Hijacked name"))),
            ("PUT capacity", () => intruder.PutAsJsonAsync($"/api/onboarding/offers/{offerId}/capacity", new { places = 0 })),
            ("POST moderation", () => intruder.PostAsJsonAsync($"/api/onboarding/offers/{offerId}/moderation", new { outcome = "approved", reason = "x" })),
            ("PUT moderation settings", () => intruder.PutAsJsonAsync("/api/onboarding/moderation-settings", new { fieldSets = new[] { "prices" } })),
            ("POST publication", () => intruder.PostAsync($"/api/onboarding/offers/{offerId}/publication", null)),
            ("DELETE publication", () => intruder.DeleteAsync($"/api/onboarding/offers/{offerId}/publication")),
            ("POST decision", () => intruder.PostAsJsonAsync($"/api/onboarding/providers/{victim}/decision", new { outcome = "approved", reason = "x" })),
            ("POST suspension", () => intruder.PostAsJsonAsync($"/api/onboarding/providers/{victim}/suspension", new { reason = "x" })),
            ("GET vetting queue", () => intruder.GetAsync("/api/onboarding/vetting-queue")),
            ("GET audit trail", () => intruder.GetAsync("/api/onboarding/audit-trail")),
            ("POST evidence check", () => intruder.PostAsync("/api/onboarding/evidence-checks", null)),
        };

        foreach (var (route, call) in attempts)
        {
            var response = await call();
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.NotFound,
                $"{route} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }

        Assert.Equal(before, await FingerprintAsync());
    }

    private async Task<Guid> DemoOfferAsync()
    {
        await using var connection = new NpgsqlConnection(system.ConnectionString("onboarding"));
        return await connection.ExecuteScalarAsync<Guid>(
            "SELECT id FROM offers WHERE provider_id = @id AND status = 'published' ORDER BY id LIMIT 1", new { id = DemoRegion.DemoProviderId });
    }

    /// <summary>Everything a refused call could have changed about the demo provider.</summary>
    private async Task<string> FingerprintAsync()
    {
        await using var connection = new NpgsqlConnection(system.ConnectionString("onboarding"));
        return await connection.ExecuteScalarAsync<string>(
            """
            SELECT concat_ws('|', p.name, p.status, p.status_version,
                (SELECT count(*) FROM offers o WHERE o.provider_id = p.id), (SELECT string_agg(o.status || o.version || o.name || (o.details ->> 'places'), ',' ORDER BY o.id) FROM offers o WHERE o.provider_id = p.id),
                (SELECT count(*) FROM evidence e WHERE e.provider_id = p.id AND e.kind = 'safeguarding-policy'))
            FROM providers p WHERE p.id = @id
            """, new { id = DemoRegion.DemoProviderId }) ?? "";
    }
}
