using System.Text.Json;
using Marketplace.Commissioning.Features.Audit;
using Microsoft.Extensions.Configuration;

namespace Marketplace.Commissioning.Tests.Audit;

/// <summary>The report's arithmetic on a small, hand-checked set of scores for two LAs and last year's decisions.</summary>
public sealed class Building_the_regional_report
{
    private static readonly DateTimeOffset Now = new(2027, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly Rubric rubric = Rubric.Load(new ConfigurationBuilder().Build());

    private static AuditScore Score(string la, string item, string proposed, string? confirmed = null, string? link = null) => new()
    {
        LocalAuthority = la, ItemCode = item, Proposed = proposed, Confirmed = confirmed, Reason = "r",
        EvidenceJson = JsonSerializer.Serialize(link is null
            ? Array.Empty<CriterionResult>()
            : [new CriterionResult("d", "found", "Found", [new EvidenceLink("Page", link)])], JsonSerializerOptions.Web),
    };

    [Fact]
    public void Summary_sections_trends_weak_areas_best_practice_and_recommendations_add_up()
    {
        AuditScore[] scores =
        [
            Score("E08000003", "general-accessibility", "yes", link: "/information/advice-and-support"),
            Score("E08000010", "general-accessibility", "no", confirmed: "yes", link: "/information/wigan-help"),
            Score("E08000003", "general-funding", "partial"),
            Score("E08000010", "general-funding", "no"),
            Score("E08000003", "early-years-admission", "yes", confirmed: "partial"),
            Score("E08000010", "early-years-admission", "yes"),
            Score("E08000010", "no-longer-in-the-rubric", "yes"),
        ];
        AuditDecision[] history =
        [
            new() { LocalAuthority = "E08000003", ItemCode = "general-accessibility", Score = "no", DecidedAt = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero) },
            new() { LocalAuthority = "E08000003", ItemCode = "general-accessibility", Score = "partial", DecidedAt = new(2026, 9, 1, 0, 0, 0, TimeSpan.Zero) },
            new() { LocalAuthority = "E08000010", ItemCode = "general-funding", Score = "no", DecidedAt = new(2026, 4, 1, 0, 0, 0, TimeSpan.Zero) },
        ];

        var report = RegionalReport.Build(rubric, scores, history, Now);

        Assert.Equal(new[] { ("E08000003", "Manchester", 1, 2, 0, 1, 3), ("E08000010", "Wigan", 2, 0, 1, 1, 3) },
            report.Authorities.Select(a => (a.Code, a.Name, a.Yes, a.Partial, a.No, a.Decided, a.Items)));

        var general = report.Sections.Single(s => s.Section == "general");
        Assert.Equal((2, 1, 1), (general.Yes, general.Partial, general.No));
        // 2026: the last decision of the year per LA and item (Manchester's accessibility partial, Wigan's funding no); 2027: the current scores.
        Assert.Equal(new[] { new SectionTrendPoint(2026, 0, 1, 1), new SectionTrendPoint(2027, 2, 1, 1) }, general.Trend);
        var earlyYears = report.Sections.Single(s => s.Section == "early-years");
        Assert.Equal((1, 1, 0), (earlyYears.Yes, earlyYears.Partial, earlyYears.No));
        Assert.Equal(0, report.Sections.Single(s => s.Section == "slcn").Trend.Single().Yes);

        // Funding: no LA meets it (weak). Early years admission: one of two meets it (not fewer than half). Accessibility: both.
        var weak = Assert.Single(report.WeakAreas);
        Assert.Equal(("general-funding", 0, 1, 1), (weak.Item, weak.Yes, weak.Partial, weak.No));
        Assert.Equal(new[] { $"General, Budget and top-up funding: {weak.Recommendation}" }, report.Recommendations);

        Assert.Equal(new[] { ("general-accessibility", "Manchester", "/information/advice-and-support"), ("general-accessibility", "Wigan", "/information/wigan-help") },
            report.BestPractice.Select(b => (b.Item, b.LocalAuthorityName, b.Links.Single().Url)));
    }
}
