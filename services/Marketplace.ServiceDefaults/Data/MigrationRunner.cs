using System.Reflection;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Marketplace.ServiceDefaults.Data;

/// <summary>
/// Applies numbered <c>NNNN_verb_noun.sql</c> scripts embedded in the shared building block and in the
/// service's own assembly, in order, each in its own transaction, under a PostgreSQL advisory lock so that
/// replicas starting together apply each script once. Runs before anything else starts.
/// </summary>
public sealed class MigrationRunner(
    ServiceDatabase database,
    NpgsqlDataSource dataSource,
    MigrationSources sources,
    ILogger<MigrationRunner> logger) : IHostedService
{
    private const long AdvisoryLockKey = 7_243_001_2026;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await database.EnsureCreatedAsync(cancellationToken);
        await ApplyAsync(cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task<IReadOnlyList<string>> ApplyAsync(CancellationToken cancellationToken)
    {
        var applied = new List<string>();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@key)", new { key = AdvisoryLockKey }, cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version text PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, cancellationToken: cancellationToken));
            var done = (await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT version FROM schema_migrations", cancellationToken: cancellationToken))).ToHashSet();

            foreach (var script in sources.Scripts())
            {
                if (done.Contains(script.Version))
                {
                    continue;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition(script.Sql, transaction: transaction, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO schema_migrations (version) VALUES (@version)", new { version = script.Version }, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                applied.Add(script.Version);
                logger.LogInformation("Applied migration {Version} to {Database}", script.Version, database.DatabaseName);
            }
        }
        finally
        {
            await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@key)", new { key = AdvisoryLockKey }, cancellationToken: CancellationToken.None));
        }

        return applied;
    }
}

public sealed record MigrationScript(string Version, string Sql);

/// <summary>The assemblies whose embedded <c>Data/Migrations/*.sql</c> make up one service's schema.</summary>
public sealed class MigrationSources(IEnumerable<Assembly> assemblies)
{
    public IReadOnlyList<MigrationScript> Scripts()
    {
        var scripts = new List<MigrationScript>();
        foreach (var assembly in assemblies.Distinct())
        {
            foreach (var name in assembly.GetManifestResourceNames().Where(n => n.EndsWith(".sql", StringComparison.Ordinal) && n.Contains(".Data.Migrations.", StringComparison.Ordinal)))
            {
                using var stream = assembly.GetManifestResourceStream(name)!;
                using var reader = new StreamReader(stream);
                var file = name[(name.IndexOf(".Data.Migrations.", StringComparison.Ordinal) + ".Data.Migrations.".Length)..];
                // Shared scripts are prefixed so that they sort before, and never collide with, a service's own.
                var version = assembly == typeof(MigrationSources).Assembly ? $"shared/{file}" : file;
                scripts.Add(new MigrationScript(version, reader.ReadToEnd()));
            }
        }

        return scripts
            .OrderBy(s => s.Version.StartsWith("shared/", StringComparison.Ordinal) ? 0 : 1)
            .ThenBy(s => s.Version, StringComparer.Ordinal)
            .ToList();
    }
}
