using Dapper;
using Npgsql;

namespace Marketplace.Onboarding.Features.Evidence;

public static class EvidenceKinds
{
    public static readonly IReadOnlyDictionary<string, string> Labels = new Dictionary<string, string>
    {
        ["public-liability-insurance"] = "public liability insurance",
        ["safeguarding-policy"] = "DBS and safeguarding policy",
        ["registration-certificate"] = "registration certificate",
    };

    /// <summary>Evidence every provider must hold, in date, to be approved and to stay approved.</summary>
    public static readonly IReadOnlyList<string> Required = ["public-liability-insurance", "safeguarding-policy"];

    /// <summary>Current evidence that has expired and must be in date: the required kinds, and a registration certificate when one is held.</summary>
    public static async Task<IReadOnlyList<string>> ExpiredRequiredAsync(NpgsqlTransaction transaction, Guid providerId, DateOnly today, CancellationToken ct) =>
        (await transaction.Connection!.QueryAsync<string>(new CommandDefinition(
            "SELECT kind FROM evidence WHERE provider_id = @providerId AND superseded_at IS NULL AND expires_on < @today ORDER BY kind",
            new { providerId, today }, transaction, cancellationToken: ct))).Select(k => Labels[k]).ToList();
}

public sealed class EvidenceView
{
    public const string Columns = "id, kind, expires_on, file_name, content_type, size_bytes, uploaded_at";

    public Guid Id { get; set; }
    public string Kind { get; set; } = "";
    public DateOnly? ExpiresOn { get; set; }
    public string? FileName { get; set; }
    public string? ContentType { get; set; }
    public int? SizeBytes { get; set; }
    public DateTimeOffset UploadedAt { get; set; }
}
