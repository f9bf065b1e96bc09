using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Marketplace.Testing;
using static Marketplace.Commissioning.Tests.Feedback.ReviewApi;

namespace Marketplace.Commissioning.Tests.Audit;

/// <summary>A commissioner proposes, confirms and overrides scores for their own LA only; every commissioner reads the regional report and its CSV.</summary>
[Collection(SystemCollection.Name)]
public sealed class Deciding_audit_scores(MarketplaceSystem system)
{
    [Fact]
    public async Task The_adviser_confirms_or_overrides_with_a_note_for_their_own_LA_and_the_report_and_CSV_show_it()
    {
        using var commissioner = await system.SignedInAsync(Commissioner);
        // Other tests (the browser test) decide other Manchester items: count only what this test decides.
        var decidedBefore = await DecidedAsync(commissioner);
        var proposed = await OkJsonAsync(await commissioner.PostAsync($"/api/commissioning/audit/{Manchester}/proposals", null));
        Assert.Equal(23, proposed.GetProperty("items").GetArrayLength());

        Assert.Equal(HttpStatusCode.NotFound, (await commissioner.PostAsync($"/api/commissioning/audit/{Wigan}/proposals", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await commissioner.PostAsJsonAsync($"/api/commissioning/audit/{Wigan}/items/general-accessibility/decision", new { score = "yes" })).StatusCode);
        using var officer = await system.SignedInAsync(Officer);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.PostAsync($"/api/commissioning/audit/{Manchester}/proposals", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await officer.GetAsync("/api/commissioning/audit/report")).StatusCode);

        var decision = $"/api/commissioning/audit/{Manchester}/items/early-years-future-steps/decision";
        Assert.Equal(new HashSet<string> { "score" }, await ProblemFieldsAsync(await commissioner.PostAsJsonAsync(decision, new { score = "maybe" })));
        Assert.Equal(new HashSet<string> { "note" }, await ProblemFieldsAsync(await commissioner.PostAsJsonAsync(decision, new { score = "partial" })));
        var overridden = await OkJsonAsync(await commissioner.PostAsJsonAsync(decision, new { score = "partial", note = "=Covered in the early years newsletter" }));
        Assert.True(overridden.GetProperty("overridden").GetBoolean());
        Assert.Equal("no", overridden.GetProperty("proposed").GetString());
        var confirmed = await OkJsonAsync(await commissioner.PostAsJsonAsync($"/api/commissioning/audit/{Manchester}/items/general-accessibility/decision", new { score = "yes" }));
        Assert.False(confirmed.GetProperty("overridden").GetBoolean());

        var trail = (await OkJsonAsync(await commissioner.GetAsync($"/api/commissioning/audit/{Manchester}/items/early-years-future-steps/decisions")))
            .GetProperty("items").EnumerateArray().Single();
        Assert.Equal(("no", "partial", "=Covered in the early years newsletter", "Jordan Hughes (commissioner)"),
            (trail.GetProperty("proposed").GetString(), trail.GetProperty("score").GetString(), trail.GetProperty("note").GetString(), trail.GetProperty("actorName").GetString()));

        var audit = await OkJsonAsync(await commissioner.GetAsync($"/api/commissioning/audit/{Manchester}"));
        var items = audit.GetProperty("frameworks").EnumerateArray().SelectMany(f => f.GetProperty("sections").EnumerateArray())
            .SelectMany(s => s.GetProperty("items").EnumerateArray()).ToDictionary(i => i.GetProperty("code").GetString()!);
        Assert.Equal("partial", items["early-years-future-steps"].GetProperty("score").GetString());
        Assert.Equal("Jordan Hughes (commissioner)", items["early-years-future-steps"].GetProperty("decidedBy").GetString());
        Assert.Contains(items["general-accessibility"].GetProperty("evidence").EnumerateArray().SelectMany(e => e.GetProperty("links").EnumerateArray()),
            l => l.GetProperty("url").GetString() == "/information/advice-and-support");

        var report = await OkJsonAsync(await commissioner.GetAsync("/api/commissioning/audit/report"));
        var manchester = report.GetProperty("authorities").EnumerateArray().Single(a => a.GetProperty("code").GetString() == Manchester);
        Assert.Equal("Manchester", manchester.GetProperty("name").GetString());
        // Other tests of this system may decide further items: the report counts exactly the decided items of the audit.
        Assert.Equal(items.Values.Count(i => i.GetProperty("confirmed").ValueKind == System.Text.Json.JsonValueKind.String), manchester.GetProperty("decided").GetInt32());
        Assert.Equal(items.Count, manchester.GetProperty("items").GetInt32());
        Assert.Contains(report.GetProperty("bestPractice").EnumerateArray(), b => b.GetProperty("item").GetString() == "general-accessibility"
            && b.GetProperty("links").EnumerateArray().Any(l => l.GetProperty("url").GetString() == "/information/advice-and-support"));
        Assert.Contains(report.GetProperty("weakAreas").EnumerateArray(), w => w.GetProperty("item").GetString() == "early-years-future-steps");
        Assert.Contains(report.GetProperty("recommendations").EnumerateArray(), r => r.GetString()!.Contains("progress check at age 2"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/commissioning/audit/report");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var csv = await commissioner.SendAsync(request);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("local_authority,local_authority_name,framework,section,item,title,proposed,score,decided_by_adviser,note,reason,evidence", lines[0]);
        var row = Assert.Single(lines, l => l.StartsWith($"{Manchester},Manchester,local-offer,Early years,early-years-future-steps,", StringComparison.Ordinal));
        Assert.Contains(",No,Partial,yes,'=Covered in the early years newsletter,", row);
        Assert.Contains(lines, l => l.StartsWith($"{Manchester},Manchester,local-offer,General,general-accessibility,Accessibility,Yes,Yes,yes,,", StringComparison.Ordinal)
            && l.EndsWith("/information/advice-and-support", StringComparison.Ordinal));
    }

    private static async Task<int> DecidedAsync(HttpClient commissioner)
    {
        var report = await OkJsonAsync(await commissioner.GetAsync("/api/commissioning/audit/report"));
        return report.GetProperty("authorities").EnumerateArray()
            .Where(a => a.GetProperty("code").GetString() == Manchester)
            .Select(a => a.GetProperty("decided").GetInt32())
            .SingleOrDefault();
    }
}
