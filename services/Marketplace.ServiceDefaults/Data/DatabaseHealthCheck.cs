using Dapper;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Marketplace.ServiceDefaults.Data;

/// <summary>Ready only when the service's own database answers and its migrations have been applied.</summary>
public sealed class DatabaseHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            var migrated = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT to_regclass('outbox_messages') IS NOT NULL", cancellationToken: cancellationToken));
            return migrated ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("Migrations have not been applied yet.");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("The database cannot be reached.", e);
        }
    }
}
