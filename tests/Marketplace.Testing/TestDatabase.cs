using System.Reflection;
using Dapper;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Marketplace.Testing;

/// <summary>A fresh database on the test run's PostgreSQL server, migrated with the shared scripts and those of
/// <paramref name="migrations"/>, dropped afterwards.</summary>
public sealed class TestDatabase(params Assembly[] migrations) : IAsyncLifetime
{
    private static string Server => Environment.GetEnvironmentVariable("MARKETPLACE_TEST_PG")
        ?? throw new InvalidOperationException("MARKETPLACE_TEST_PG is not set: run the tests with ./marketplace test.");

    public ServiceDatabase Database { get; } = new("unit", new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:Postgres"] = Server,
        ["Marketplace:Database"] = $"u{Guid.NewGuid():N}"[..16],
    }).Build());

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public MigrationRunner Runner() => new(Database, DataSource,
        new MigrationSources([typeof(ServiceDefaultsExtensions).Assembly, .. migrations]), NullLogger<MigrationRunner>.Instance);

    public Task InitializeAsync()
    {
        DataSource = NpgsqlDataSource.Create(Database.ConnectionString);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Database.MaintenanceConnectionString);
        await connection.ExecuteAsync($"DROP DATABASE IF EXISTS \"{Database.DatabaseName}\" WITH (FORCE)");
    }
}
