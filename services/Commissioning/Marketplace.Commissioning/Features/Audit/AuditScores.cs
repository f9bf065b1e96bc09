using System.Text.Json;
using Dapper;
using Npgsql;

namespace Marketplace.Commissioning.Features.Audit;

/// <summary>One rubric item's score for one LA: the system's proposal with its evidence, and the adviser's decision.</summary>
public sealed class AuditScore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string LocalAuthority { get; set; } = "";
    public string ItemCode { get; set; } = "";
    public string Proposed { get; set; } = "";
    public string Reason { get; set; } = "";
    public string EvidenceJson { get; set; } = "[]";
    public DateTimeOffset ProposedAt { get; set; }
    public string? Confirmed { get; set; }
    public string? Note { get; set; }
    public string? DecidedBy { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    /// <summary>The adviser's score where there is one, else the proposal.</summary>
    public string Score => Confirmed ?? Proposed;

    public IReadOnlyList<CriterionResult> Evidence => JsonSerializer.Deserialize<List<CriterionResult>>(EvidenceJson, Json) ?? [];

    public const string Columns =
        "local_authority, item_code, proposed, reason, evidence::text AS evidence_json, proposed_at, confirmed, note, decided_by, decided_at";

    public static async Task<IReadOnlyList<AuditScore>> ListAsync(NpgsqlDataSource db, string? localAuthority, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<AuditScore>(new CommandDefinition(
            $"SELECT {Columns} FROM audit_scores WHERE @la::text IS NULL OR local_authority = @la ORDER BY local_authority, item_code",
            new { la = localAuthority }, cancellationToken: ct))).ToList();
    }
}

/// <summary>A past decision, for trends: the score an LA's item had on a date.</summary>
public sealed class AuditDecision
{
    public string LocalAuthority { get; set; } = "";
    public string ItemCode { get; set; } = "";
    public string Score { get; set; } = "";
    public DateTimeOffset DecidedAt { get; set; }
}
