using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Marketplace.Testing;
using Npgsql;

namespace Marketplace.Onboarding.Tests.Features.Providers;

/// <summary>The whole lifecycle over HTTP through the gateway: register, evidence, submit, changes requested,
/// resubmit, approve, publish, suspend, reinstate — with the audit trail and the events behind it.</summary>
[Collection(SystemCollection.Name)]
public sealed class Vetting_a_new_provider(MarketplaceSystem system)
{
    [Fact]
    public async Task Runs_from_registration_to_a_published_offer_and_through_suspension_and_reinstatement()
    {
        // Register (the user acts for no organisation yet) and get a token that acts for the new one.
        var newcomer = await system.SignedInAsync("newprovider@demo.localoffer.test");
        var registered = await (await newcomer.PostJsonAsync("/api/onboarding/providers", Api.Registration("Tidewater Sensory Play CIC", "E08000003"))).OkJsonAsync();
        var providerId = registered.GetProperty("id").GetGuid();
        string token = "";
        await Eventually.Async(async () =>
        {
            token = await system.TokenAsync("newprovider@demo.localoffer.test");
            return Api.Claims(token).TryGetProperty("org_id", out var org) && org.GetString() == providerId.ToString();
        }, TimeSpan.FromSeconds(10), "identity to link the user to the provider they registered");
        var provider = system.As(token);

        // Submitting without evidence is refused with a reason.
        var early = await provider.PostAsync($"/api/onboarding/providers/{providerId}/submission", null);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("public liability insurance", (await early.JsonAsync()).GetProperty("errors").GetProperty("evidence")[0].GetString());

        var expires = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd");
        await (await provider.PostAsync($"/api/onboarding/providers/{providerId}/evidence", Api.Evidence("public-liability-insurance", expires, Api.Pdf, "insurance.pdf"))).OkJsonAsync();
        var policy = await (await provider.PostAsync($"/api/onboarding/providers/{providerId}/evidence", Api.Evidence("safeguarding-policy", expires, Api.Png, "policy.png"))).OkJsonAsync();
        Assert.Equal("image/png", policy.GetProperty("contentType").GetString());
        await (await provider.PostAsync($"/api/onboarding/providers/{providerId}/submission", null)).OkJsonAsync();

        // The officer of an authority it serves sees it in the queue; an officer of another authority cannot decide.
        var officer = await system.SignedInAsync("officer@demo.localoffer.test");
        var queue = await (await officer.GetAsync("/api/onboarding/vetting-queue")).OkJsonAsync();
        var entry = queue.GetProperty("waiting").EnumerateArray().Single(w => w.GetProperty("id").GetGuid() == providerId);
        Assert.True(entry.GetProperty("firstSubmission").GetBoolean());

        var wigan = await system.SignedInAsync("officer.wigan@demo.localoffer.test");
        var foreign = await wigan.PostJsonAsync($"/api/onboarding/providers/{providerId}/decision", new { outcome = "approved", reason = "Looks fine" });
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        Assert.Equal("submitted", await StatusAsync(providerId));

        var noReason = await officer.PostJsonAsync($"/api/onboarding/providers/{providerId}/decision", new { outcome = "changes-requested", reason = "" });
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.True((await noReason.JsonAsync()).GetProperty("errors").TryGetProperty("reason", out _));

        await (await officer.PostJsonAsync($"/api/onboarding/providers/{providerId}/decision",
            new { outcome = "changes-requested", reason = "Use the name on your charity registration" })).OkJsonAsync();
        var mine = await (await provider.GetAsync($"/api/onboarding/providers/{providerId}")).OkJsonAsync();
        Assert.Equal("changes-requested", mine.GetProperty("status").GetString());
        Assert.Equal("Use the name on your charity registration", mine.GetProperty("lastReason").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await provider.PutAsJsonAsync($"/api/onboarding/providers/{providerId}",
            Api.Registration("Tidewater Sensory Play", "E08000003"))).StatusCode);
        await (await provider.PostAsync($"/api/onboarding/providers/{providerId}/submission", null)).OkJsonAsync();
        queue = await (await officer.GetAsync("/api/onboarding/vetting-queue")).OkJsonAsync();
        entry = queue.GetProperty("waiting").EnumerateArray().Single(w => w.GetProperty("id").GetGuid() == providerId);
        Assert.Equal(["name"], entry.GetProperty("changedSinceLastDecision").EnumerateArray().Select(c => c.GetString()!).ToArray());

        var approved = await (await officer.PostJsonAsync($"/api/onboarding/providers/{providerId}/decision",
            new { outcome = "approved", reason = "Evidence checked against the Charity Commission register" })).OkJsonAsync();
        Assert.Equal("approved", approved.GetProperty("status").GetString());
        Assert.Equal(1, await OutboxCountAsync(providerId, "ProviderApproved"));

        // Approved: it can publish, and the public sees the offer.
        var offerId = await CreateAndPublishAsync(provider, providerId);
        using var anonymous = system.Gateway();
        await Eventually.Async(async () => (await TestOffers.PublicSearchAsync(anonymous, "Tidewater")).Contains(offerId), TimeSpan.FromSeconds(5), "the offer in search");

        // Suspension takes the offers out of the catalogue; reinstatement brings them back.
        await (await officer.PostJsonAsync($"/api/onboarding/providers/{providerId}/suspension", new { reason = "Complaint under investigation" })).OkJsonAsync();
        Assert.Equal(1, await OutboxCountAsync(providerId, "ProviderSuspended"));
        await Eventually.Async(async () => !(await TestOffers.PublicSearchAsync(anonymous, "Tidewater")).Contains(offerId), TimeSpan.FromSeconds(5), "the suspended provider's offer to leave search");
        var blocked = await provider.PostAsync($"/api/onboarding/offers/{offerId}/publication", null);
        Assert.NotEqual(HttpStatusCode.OK, blocked.StatusCode);

        await (await officer.PostJsonAsync($"/api/onboarding/providers/{providerId}/reinstatement", new { reason = "Investigation closed" })).OkJsonAsync();
        Assert.Equal(1, await OutboxCountAsync(providerId, "ProviderReinstated"));
        await Eventually.Async(async () => (await TestOffers.PublicSearchAsync(anonymous, "Tidewater")).Contains(offerId), TimeSpan.FromSeconds(5), "the reinstated provider's offer back in search");

        // Every step is in the audit trail, and the CSV export carries the reasons.
        var csvRequest = new HttpRequestMessage(HttpMethod.Get, $"/api/onboarding/audit-trail?providerId={providerId}");
        csvRequest.Headers.Accept.ParseAdd("text/csv");
        var csv = await (await officer.SendAsync(csvRequest)).Content.ReadAsStringAsync();
        var lines = csv.Trim().Split('\n');
        Assert.StartsWith("at,actor,actor_role,provider_id,action", lines[0]);
        Assert.Equal(["registered", "submitted", "changes-requested", "submitted", "approved", "suspended", "reinstated"],
            lines.Skip(1).Select(l => l.Split(',')[4]).ToArray());
        Assert.Contains("Complaint under investigation", csv);
        Assert.Contains("Priya Shah (SEND officer)", csv);
    }

    private async Task<Guid> CreateAndPublishAsync(HttpClient provider, Guid providerId)
    {
        var offer = TestOffers.ValidOffer("Tidewater sensory play mornings");
        var created = await (await provider.PostJsonAsync($"/api/onboarding/providers/{providerId}/offers", offer)).OkJsonAsync();
        var offerId = created.GetProperty("id").GetGuid();
        await (await provider.PostAsync($"/api/onboarding/offers/{offerId}/publication", null)).OkJsonAsync();
        return offerId;
    }

    private async Task<string> StatusAsync(Guid providerId)
    {
        await using var connection = new NpgsqlConnection(system.ConnectionString("onboarding"));
        return await connection.ExecuteScalarAsync<string>("SELECT status FROM providers WHERE id = @providerId", new { providerId }) ?? "";
    }

    private async Task<int> OutboxCountAsync(Guid providerId, string type)
    {
        await using var connection = new NpgsqlConnection(system.ConnectionString("onboarding"));
        return await connection.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM outbox_messages WHERE message_type = @type AND body ->> 'providerId' = @id",
            new { type = $"Marketplace.Contracts.Onboarding.{type}", id = providerId.ToString() });
    }
}
