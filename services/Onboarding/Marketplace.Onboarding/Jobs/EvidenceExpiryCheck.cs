using Dapper;
using Marketplace.Onboarding.Features.Evidence;
using Marketplace.Onboarding.Features.Providers;
using Npgsql;

namespace Marketplace.Onboarding.Jobs;

public sealed record ExpiryCheckResult(IReadOnlyList<Guid> Suspended, int Warnings);

/// <summary>
/// Suspends approved providers whose required evidence has expired, and warns providers 30 and 7 days
/// before. Each suspension commits with its audit entry and its ProviderSuspended event; warnings are
/// de-duplicated, so running the check twice on a day changes nothing.
/// </summary>
public sealed class EvidenceExpiryCheck(NpgsqlDataSource dataSource)
{
    public async Task<ExpiryCheckResult> RunAsync(DateTimeOffset now, Actor actor, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var lapsed = (await connection.QueryAsync<Guid>(new CommandDefinition(
            """
            SELECT DISTINCT p.id FROM providers p JOIN evidence e ON e.provider_id = p.id
            WHERE p.status = 'approved' AND e.superseded_at IS NULL AND e.expires_on < @today
            """, new { today }, cancellationToken: ct))).ToList();

        var suspended = new List<Guid>();
        foreach (var providerId in lapsed)
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var provider = await ProviderStatus.LockAsync(transaction, providerId, ct);
            var expired = await EvidenceKinds.ExpiredRequiredAsync(transaction, providerId, today, ct);
            if (provider?.Status != ProviderStates.Approved || expired.Count == 0)
            {
                continue; // changed since the scan (reinstated with new evidence, or suspended by someone else)
            }

            var reason = $"Suspended automatically: {string.Join(" and ", expired)} expired.";
            await ProviderStatus.ChangeAsync(transaction, provider, "suspended", actor, reason, now, ct);
            await AddNoticeAsync(transaction, providerId, "suspended", $"suspended/{provider.StatusVersion}",
                $"Your organisation has been suspended because your {string.Join(" and ", expired)} expired. Upload new evidence and ask the local authority to reinstate you.", now, ct);
            await transaction.CommitAsync(ct);
            suspended.Add(providerId);
        }

        var warnings = 0;
        foreach (var days in new[] { 30, 7 })
        {
            var expiring = await connection.QueryAsync<(Guid EvidenceId, Guid ProviderId, string Kind, DateOnly ExpiresOn)>(new CommandDefinition(
                """
                SELECT e.id, e.provider_id, e.kind, e.expires_on FROM evidence e JOIN providers p ON p.id = e.provider_id
                WHERE p.status = 'approved' AND e.superseded_at IS NULL AND e.expires_on BETWEEN @today AND @until
                """, new { today, until = today.AddDays(days) }, cancellationToken: ct));
            foreach (var e in expiring)
            {
                await using var transaction = await connection.BeginTransactionAsync(ct);
                warnings += await AddNoticeAsync(transaction, e.ProviderId, "evidence-expiring", $"{e.EvidenceId}/{days}",
                    $"Your {EvidenceKinds.Labels[e.Kind]} expires on {e.ExpiresOn:d MMMM yyyy}. Upload the renewed document before then, or your offers will be taken down.", now, ct);
                await transaction.CommitAsync(ct);
            }
        }

        return new ExpiryCheckResult(suspended, warnings);
    }

    private static Task<int> AddNoticeAsync(NpgsqlTransaction transaction, Guid providerId, string kind, string dedupeKey, string message, DateTimeOffset now, CancellationToken ct) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO notices (id, provider_id, kind, dedupe_key, message, created_at)
            VALUES (@id, @providerId, @kind, @dedupeKey, @message, @now)
            ON CONFLICT (dedupe_key) DO NOTHING
            """, new { id = Guid.CreateVersion7(), providerId, kind, dedupeKey, message, now }, transaction, cancellationToken: ct));
}
