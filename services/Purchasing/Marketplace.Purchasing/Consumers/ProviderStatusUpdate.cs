using Dapper;
using Npgsql;

namespace Marketplace.Purchasing.Consumers;

/// <summary>
/// Records a provider's trading status if it is newer than the one held, and flags (or unflags) the provider's open
/// orders with it, so buyers and officers can see them. Orders are never cancelled automatically.
/// </summary>
internal static class ProviderStatusUpdate
{
    public static async Task<bool> ApplyAsync(NpgsqlTransaction transaction, Guid providerId, bool suspended, int statusVersion, string reason, CancellationToken ct)
    {
        var connection = transaction.Connection!;
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO purchasing_providers (provider_id, suspended, status_version, reason, updated_at)
            VALUES (@providerId, @suspended, @statusVersion, @reason, now())
            ON CONFLICT (provider_id) DO UPDATE SET
                suspended = EXCLUDED.suspended, status_version = EXCLUDED.status_version, reason = EXCLUDED.reason, updated_at = now()
            WHERE purchasing_providers.status_version < EXCLUDED.status_version
            """, new { providerId, suspended, statusVersion, reason }, transaction, cancellationToken: ct));
        if (changed == 0)
        {
            return false; // an older status arrived late
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE orders SET provider_suspended = @suspended, updated_at = now()
            WHERE provider_id = @providerId AND status IN ('awaiting-approval', 'placed', 'accepted') AND provider_suspended <> @suspended
            """, new { providerId, suspended }, transaction, cancellationToken: ct));
        return true;
    }
}
