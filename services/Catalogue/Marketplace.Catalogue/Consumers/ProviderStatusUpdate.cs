using Dapper;
using Npgsql;

namespace Marketplace.Catalogue.Consumers;

/// <summary>Records a provider's status if it is newer than the one held; search reads it to hide a suspended provider's offers.</summary>
internal static class ProviderStatusUpdate
{
    public static Task ApplyAsync(NpgsqlTransaction transaction, Guid providerId, bool suspended, int statusVersion, string reason, CancellationToken ct) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO catalogue_providers (provider_id, suspended, status_version, reason, updated_at)
            VALUES (@providerId, @suspended, @statusVersion, @reason, now())
            ON CONFLICT (provider_id) DO UPDATE SET
                suspended = EXCLUDED.suspended, status_version = EXCLUDED.status_version, reason = EXCLUDED.reason, updated_at = now()
            WHERE catalogue_providers.status_version < EXCLUDED.status_version
            """, new { providerId, suspended, statusVersion, reason }, transaction, cancellationToken: ct));
}
