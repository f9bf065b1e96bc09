using Dapper;
using Npgsql;

namespace Marketplace.Commissioning.Import;

/// <summary>
/// At start-up, imports the DfE files the service carries when no import has been recorded yet (a new database),
/// so every deployment starts with the national baseline. Replicas starting together import once.
/// </summary>
public sealed class BaselineSeeder(NpgsqlDataSource dataSource, ILogger<BaselineSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(hashtext('commissioning-baseline'))", cancellationToken: cancellationToken));
        try
        {
            var imported = await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM baseline_imports)", cancellationToken: cancellationToken));
            if (imported)
            {
                return;
            }

            foreach (var file in DfeBaseline.BundledFiles.Keys)
            {
                using var text = DfeBaseline.OpenBundled(file);
                var report = await DfeBaseline.ImportAsync(dataSource, file, text, cancellationToken);
                logger.LogInformation("Imported the DfE {File} baseline: {Read} rows read, {Imported} imported, {Skipped} skipped, {Rejected} rejected",
                    file, report.RowsRead, report.RowsImported, report.RowsSkipped, report.RowsRejected);
                foreach (var row in report.Rejected)
                {
                    logger.LogWarning("DfE {File} line {Line} rejected: {Reason}", file, row.Line, row.Reason);
                }
            }
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(hashtext('commissioning-baseline'))", cancellationToken: CancellationToken.None));
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
