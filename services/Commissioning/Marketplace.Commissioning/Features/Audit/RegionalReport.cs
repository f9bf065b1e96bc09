using System.Globalization;
using System.Text;
using CsvHelper;
using Marketplace.ServiceDefaults.Demo;

namespace Marketplace.Commissioning.Features.Audit;

public sealed record AuthoritySummary(string Code, string Name, int Yes, int Partial, int No, int Decided, int Items);

public sealed record SectionTrendPoint(int Year, int Yes, int Partial, int No);

public sealed record SectionSummary(string Framework, string Section, string Title, int Yes, int Partial, int No, IReadOnlyList<SectionTrendPoint> Trend);

public sealed record WeakArea(string Item, string Title, string Section, int Yes, int Partial, int No, string Recommendation);

public sealed record BestPractice(string Item, string Title, string LocalAuthority, string LocalAuthorityName, IReadOnlyList<EvidenceLink> Links);

public sealed record Report(
    string Rubric, DateTimeOffset GeneratedAt, IReadOnlyList<AuthoritySummary> Authorities, IReadOnlyList<SectionSummary> Sections,
    IReadOnlyList<WeakArea> WeakAreas, IReadOnlyList<BestPractice> BestPractice, IReadOnlyList<string> Recommendations);

/// <summary>
/// The regional report across every LA with scores: a summary per LA, each section's spread and its trend by year (from the
/// advisers' decisions; the current scores stand for this year), the weak areas (items fewer than half the LAs meet), best
/// practice (the pages and offers behind each Yes), and the rubric's recommendations for the weak areas.
/// </summary>
public static class RegionalReport
{
    public static Report Build(Rubric rubric, IReadOnlyList<AuditScore> scores, IReadOnlyList<AuditDecision> history, DateTimeOffset now)
    {
        var items = rubric.Items.ToDictionary(x => x.Item.Code);
        var current = scores.Where(s => items.ContainsKey(s.ItemCode)).ToList();
        var authorities = current.GroupBy(s => s.LocalAuthority).OrderBy(g => NameOf(g.Key), StringComparer.Ordinal)
            .Select(g => new AuthoritySummary(g.Key, NameOf(g.Key), Count(g, "yes"), Count(g, "partial"), Count(g, "no"), g.Count(s => s.Confirmed is not null), g.Count()))
            .ToList();

        var sections = rubric.Frameworks.SelectMany(f => f.Sections.Select(s => (f, s))).Select(fs =>
        {
            var codes = fs.s.Items.Select(i => i.Code).ToHashSet();
            var inSection = current.Where(x => codes.Contains(x.ItemCode)).ToList();
            var trend = history.Where(h => codes.Contains(h.ItemCode) && h.DecidedAt.Year < now.Year)
                .GroupBy(h => h.DecidedAt.Year)
                .Select(y =>
                {
                    // The last decision of the year for each LA and item.
                    var last = y.GroupBy(h => (h.LocalAuthority, h.ItemCode)).Select(g => g.MaxBy(h => h.DecidedAt)!.Score).ToList();
                    return new SectionTrendPoint(y.Key, last.Count(s => s == "yes"), last.Count(s => s == "partial"), last.Count(s => s == "no"));
                })
                .Append(new SectionTrendPoint(now.Year, Count(inSection, "yes"), Count(inSection, "partial"), Count(inSection, "no")))
                .OrderBy(p => p.Year).ToList();
            return new SectionSummary(fs.f.Code, fs.s.Code, fs.s.Title, Count(inSection, "yes"), Count(inSection, "partial"), Count(inSection, "no"), trend);
        }).ToList();

        var weak = current.GroupBy(s => s.ItemCode)
            .Select(g => (Item: items[g.Key], Yes: Count(g, "yes"), Partial: Count(g, "partial"), No: Count(g, "no"), Total: g.Count()))
            .Where(x => x.Yes * 2 < x.Total)
            .OrderByDescending(x => (double)x.No / x.Total).ThenByDescending(x => (double)x.Partial / x.Total).ThenBy(x => x.Item.Item.Code, StringComparer.Ordinal)
            .Select(x => new WeakArea(x.Item.Item.Code, x.Item.Item.Title, x.Item.Section.Title, x.Yes, x.Partial, x.No, x.Item.Item.Recommendation))
            .ToList();

        var best = current.Where(s => s.Score == "yes")
            .Select(s => new BestPractice(s.ItemCode, items[s.ItemCode].Item.Title, s.LocalAuthority, NameOf(s.LocalAuthority),
                s.Evidence.SelectMany(e => e.Links).DistinctBy(l => l.Url).ToList()))
            .Where(b => b.Links.Count > 0)
            .OrderBy(b => b.Item, StringComparer.Ordinal).ThenBy(b => b.LocalAuthorityName, StringComparer.Ordinal)
            .ToList();

        return new Report(rubric.Name, now, authorities, sections, weak, best, [.. weak.Select(w => $"{w.Section}, {w.Title}: {w.Recommendation}")]);
    }

    /// <summary>One row per LA and item, spreadsheet-safe (a cell starting =, +, - or @ is prefixed with an apostrophe).</summary>
    public static async Task<byte[]> CsvAsync(Rubric rubric, IReadOnlyList<AuditScore> scores)
    {
        var items = rubric.Items.ToDictionary(x => x.Item.Code);
        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = CsvWriter.Create(writer, new CsvWriterOptions(), true))
        {
            string[] header = ["local_authority", "local_authority_name", "framework", "section", "item", "title", "proposed", "score", "decided_by_adviser", "note", "reason", "evidence"];
            foreach (var h in header)
            {
                csv.WriteField(h);
            }

            csv.EndRecord();
            foreach (var s in scores.Where(s => items.ContainsKey(s.ItemCode)).OrderBy(s => NameOf(s.LocalAuthority), StringComparer.Ordinal).ThenBy(s => s.ItemCode, StringComparer.Ordinal))
            {
                var (framework, section, item) = items[s.ItemCode];
                string[] row =
                [
                    s.LocalAuthority, NameOf(s.LocalAuthority), framework.Code, section.Title, item.Code, item.Title, Label(s.Proposed), Label(s.Score),
                    s.Confirmed is null ? "no" : "yes", s.Note ?? "", s.Reason, string.Join(" ", s.Evidence.SelectMany(e => e.Links).Select(l => l.Url).Distinct()),
                ];
                foreach (var field in row)
                {
                    csv.WriteField(SpreadsheetSafe(field));
                }

                csv.EndRecord();
            }
        }

        return Encoding.UTF8.GetBytes(writer.ToString());
    }

    public static string Label(string score) => score switch { "yes" => "Yes", "partial" => "Partial", _ => "No" };

    public static string NameOf(string code) => DemoRegion.LocalAuthorities.FirstOrDefault(l => l.Code == code).Name ?? code;

    private static int Count(IEnumerable<AuditScore> scores, string score) => scores.Count(s => s.Score == score);

    private static string SpreadsheetSafe(string field) =>
        field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + field : field;
}
