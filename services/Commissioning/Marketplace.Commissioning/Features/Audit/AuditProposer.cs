using System.Text.Json;
using Dapper;
using Npgsql;

namespace Marketplace.Commissioning.Features.Audit;

public sealed record EvidenceLink(string Title, string Url);

/// <summary>What the catalogue showed for one criterion: found, stale (pages not reviewed recently) or missing, with links.</summary>
public sealed record CriterionResult(string Description, string Outcome, string Detail, IReadOnlyList<EvidenceLink> Links);

public sealed record Proposal(string ItemCode, string Score, string Reason, IReadOnlyList<CriterionResult> Evidence);

/// <summary>
/// Proposes each rubric item's score for an LA from what the public Local Offer publishes: Yes when every criterion's
/// evidence is found (and its pages reviewed within the rubric's staleness limit), No when none is, Partial otherwise.
/// Proposals are stored with their evidence; an adviser's earlier confirmation or override is kept.
/// </summary>
public sealed class AuditProposer(CatalogueEvidence catalogue, Rubric rubric, NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<Proposal>> ProposeAsync(string localAuthority, DateTimeOffset now, CancellationToken ct)
    {
        var pages = await catalogue.PagesAsync(localAuthority, ct);
        var reviewedSince = DateOnly.FromDateTime(now.UtcDateTime).AddMonths(-rubric.StaleAfterMonths);
        var proposals = new List<Proposal>();
        foreach (var (_, _, item) in rubric.Items)
        {
            var results = new List<CriterionResult>();
            foreach (var criterion in item.Criteria)
            {
                results.Add(criterion.Kind == "pages"
                    ? PagesResult(criterion, pages, reviewedSince, rubric.StaleAfterMonths)
                    : await OffersResultAsync(criterion, localAuthority, ct));
            }

            proposals.Add(Score(item.Code, results));
        }

        await SaveAsync(localAuthority, proposals, now, ct);
        return proposals;
    }

    public static Proposal Score(string itemCode, IReadOnlyList<CriterionResult> results)
    {
        var score = results.All(r => r.Outcome == "found") ? "yes" : results.All(r => r.Outcome == "missing") ? "no" : "partial";
        return new Proposal(itemCode, score, string.Join(" ", results.Select(r => r.Detail)), results);
    }

    private static CriterionResult PagesResult(RubricCriterion criterion, IReadOnlyList<EvidencePage> pages, DateOnly reviewedSince, int months)
    {
        var tagged = pages.Where(p => p.AuditAspects.Contains(criterion.Aspect!)).ToList();
        var links = tagged.Select(p => new EvidenceLink(p.Title, $"/information/{p.Slug}")).ToList();
        if (tagged.Count == 0)
        {
            return new(criterion.Description, "missing", $"Missing: {criterion.Description} (no page is tagged '{criterion.Aspect}').", links);
        }

        return tagged.Any(p => p.LastReviewed >= reviewedSince)
            ? new(criterion.Description, "found", $"Found: {criterion.Description} ({Titles(tagged)}).", links)
            : new(criterion.Description, "stale", $"Out of date: {criterion.Description} ({Titles(tagged)}) not reviewed in the last {months} months.", links);
    }

    private async Task<CriterionResult> OffersResultAsync(RubricCriterion criterion, string localAuthority, CancellationToken ct)
    {
        var (total, examples) = await catalogue.OffersAsync(localAuthority, criterion.Filters ?? new Dictionary<string, string>(), ct);
        var links = examples.Select(o => new EvidenceLink(o.Name, $"/services/{o.Id}")).ToList();
        return total > 0
            ? new(criterion.Description, "found", $"Found: {criterion.Description} ({total} {(total == 1 ? "offer" : "offers")}).", links)
            : new(criterion.Description, "missing", $"Missing: {criterion.Description} (no published offer).", links);
    }

    private static string Titles(IEnumerable<EvidencePage> pages) => string.Join(", ", pages.Select(p => $"'{p.Title}'"));

    private async Task SaveAsync(string localAuthority, IReadOnlyList<Proposal> proposals, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var p in proposals)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO audit_scores (local_authority, item_code, proposed, reason, evidence, proposed_at)
                VALUES (@localAuthority, @ItemCode, @Score, @Reason, @evidence::jsonb, @now)
                ON CONFLICT (local_authority, item_code) DO UPDATE
                    SET proposed = excluded.proposed, reason = excluded.reason, evidence = excluded.evidence, proposed_at = excluded.proposed_at
                """, new { localAuthority, p.ItemCode, p.Score, p.Reason, evidence = JsonSerializer.Serialize(p.Evidence, Json), now }, transaction, cancellationToken: ct));
        }

        // Items a region has since taken out of its rubric are no longer scored.
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM audit_scores WHERE local_authority = @localAuthority AND NOT (item_code = ANY(@codes))",
            new { localAuthority, codes = proposals.Select(p => p.ItemCode).ToArray() }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
    }
}
