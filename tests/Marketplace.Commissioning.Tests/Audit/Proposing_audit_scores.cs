using System.Net.Http.Json;
using Dapper;
using Marketplace.Commissioning.Features.Audit;
using Marketplace.Testing;
using Microsoft.Extensions.Configuration;
using Npgsql;
using static Marketplace.Commissioning.Tests.Feedback.ReviewApi;

namespace Marketplace.Commissioning.Tests.Audit;

/// <summary>
/// A seeded Local Offer with known gaps, read from the running catalogue: Hartlepool (outside the demo region, so only what
/// this test publishes serves it) gets one targeted SLCN therapy offer for ages 4 to 11, and Manchester's officer publishes a
/// schools admission page last reviewed two years ago (Manchester's, not Hartlepool's). The demo information pages serve the
/// whole region and cover some aspects and not others.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class Proposing_audit_scores(MarketplaceSystem system) : IAsyncLifetime
{
    private const string Hartlepool = "E06000001";
    private const string Manchester = "E08000003";
    private readonly TestDatabase db = new(typeof(AuditProposer).Assembly);

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        await db.Runner().StartAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Each_aspect_scores_yes_partial_or_no_from_the_pages_and_offers_with_the_evidence_that_led_to_it()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var officer = await system.SignedInAsync(Officer);
        var slug = $"school-admissions-{tag}";
        var created = await officer.PostAsJsonAsync("/api/catalogue/pages", new
        {
            slug, title = $"School admissions {tag}", summary = "Admissions for children with SEND.", body = "How admissions work.",
            sections = new[] { "education" }, auditAspects = new[] { "schools-admission" },
            lastReviewed = DateOnly.FromDateTime(DateTime.UtcNow).AddYears(-2),
        });
        await OkJsonAsync(created);

        using var provider = await system.SignedInAsync("provider@demo.localoffer.test");
        var offer = TestOffers.ValidOffer($"Hartlepool talking group {tag}");
        offer["areasServed"] = new[] { Hartlepool };
        var offerId = await TestOffers.CreateAsync(provider, offer);
        await TestOffers.PublishAsync(provider, offerId);
        await Eventually.Async(async () =>
        {
            await using var catalogue = new NpgsqlConnection(system.ConnectionString("catalogue"));
            return await catalogue.ExecuteScalarAsync<int>("SELECT count(*) FROM catalogue_offers WHERE id = @offerId AND status = 'published'", new { offerId }) == 1;
        }, TimeSpan.FromSeconds(20), "the offer to reach the catalogue");

        var rubric = Rubric.Load(new ConfigurationBuilder().Build());
        var proposer = new AuditProposer(new CatalogueEvidence(system.Service("catalogue")), rubric, db.DataSource);
        var proposals = (await proposer.ProposeAsync(Hartlepool, DateTimeOffset.UtcNow, CancellationToken.None)).ToDictionary(p => p.ItemCode);

        var expected = new Dictionary<string, string>
        {
            // Pages only, tagged by the demo pages reviewed a month ago.
            ["general-accessibility"] = "yes",
            ["general-graduated-approach"] = "yes",
            // Page and budget-eligible offers both found.
            ["general-funding"] = "yes",
            // No page and no offer for under-5s.
            ["early-years-admission"] = "no",
            ["early-years-future-steps"] = "no",
            // Manchester's page does not serve Hartlepool.
            ["schools-admission"] = "no",
            // A page, but no offer of training for schools / for 16 to 25 year olds / preparing for adulthood.
            ["schools-identification"] = "partial",
            ["post-16-identification"] = "partial",
            ["post-16-future-steps"] = "partial",
            // The ten SLCN principles against one targeted, budget-eligible therapy offer from health for ages 4 to 11.
            ["slcn-universal"] = "no",
            ["slcn-targeted"] = "yes",
            ["slcn-specialist"] = "no",
            ["slcn-personal-budget"] = "yes",
            ["slcn-early-intervention"] = "no",
            ["slcn-school-age"] = "yes",
            ["slcn-post-16"] = "no",
            ["slcn-community"] = "no",
            ["slcn-therapy"] = "yes",
            ["slcn-joint-working"] = "partial",
        };
        Assert.Equal(expected, expected.Keys.ToDictionary(k => k, k => proposals[k].Score));
        Assert.Equal(rubric.Items.Count(), proposals.Count);

        Assert.DoesNotContain(proposals["schools-admission"].Evidence.Single().Links, l => l.Url == $"/information/{slug}");
        // For Manchester the page counts, but it was not reviewed in the last 12 months.
        var stale = (await proposer.ProposeAsync(Manchester, DateTimeOffset.UtcNow, CancellationToken.None)).Single(p => p.ItemCode == "schools-admission");
        Assert.Equal("partial", stale.Score);
        Assert.Contains("Out of date", stale.Reason);
        Assert.Contains(stale.Evidence.Single().Links, l => l.Url == $"/information/{slug}");
        var targeted = proposals["slcn-targeted"].Evidence.Single();
        Assert.Equal("found", targeted.Outcome);
        Assert.Equal(new[] { $"/services/{offerId}" }, targeted.Links.Select(l => l.Url));
        var joint = proposals["slcn-joint-working"].Evidence;
        Assert.Equal(new[] { "found", "missing" }, joint.Select(e => e.Outcome));
        Assert.Contains("Missing: SLCN offers from education", proposals["slcn-joint-working"].Reason);

        await using var connection = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(rubric.Items.Count(), await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM audit_scores WHERE local_authority = @Hartlepool", new { Hartlepool }));

        // The audit's searches are not counted as a family's searches.
        await using var catalogueDb = new NpgsqlConnection(system.ConnectionString("catalogue"));
        Assert.Equal(0, await catalogueDb.ExecuteScalarAsync<int>(
            "SELECT count(*) FROM outbox_messages WHERE message_type LIKE '%SearchPerformed' AND body ->> 'la' = @Hartlepool", new { Hartlepool }));
    }
}
