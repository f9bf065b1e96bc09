using Dapper;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Marketplace.ServiceDefaults.Data;

/// <summary>
/// Where a service's own database lives. <c>ConnectionStrings:Postgres</c> names the server;
/// each service owns one database on it (<c>Marketplace:Database</c>, default <c>marketplace_{service}</c>).
/// </summary>
public sealed class ServiceDatabase
{
    public ServiceDatabase(string serviceName, IConfiguration configuration)
    {
        var server = configuration.GetConnectionString("Postgres")
            ?? throw new InvalidOperationException("ConnectionStrings:Postgres is not set.");
        DatabaseName = configuration["Marketplace:Database"] ?? $"marketplace_{serviceName}";
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = DatabaseName };
        ConnectionString = builder.ConnectionString;
        MaintenanceConnectionString = new NpgsqlConnectionStringBuilder(server) { Database = "postgres" }.ConnectionString;
    }

    static ServiceDatabase()
    {
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new DateOnlyHandler());
    }

    public string DatabaseName { get; }
    public string ConnectionString { get; }
    public string MaintenanceConnectionString { get; }

    /// <summary>Creates the service's database when it does not exist yet (first start on a new server).</summary>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(MaintenanceConnectionString);
        await connection.OpenAsync(cancellationToken);
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = @name)", new { name = DatabaseName }, cancellationToken: cancellationToken));
        if (exists)
        {
            return;
        }

        try
        {
            // Identifiers cannot be parameters; the name is validated to a safe character set first.
            if (!DatabaseName.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                throw new InvalidOperationException($"Database name '{DatabaseName}' may contain only letters, digits and underscores.");
            }

            await connection.ExecuteAsync(new CommandDefinition($"CREATE DATABASE \"{DatabaseName}\"", cancellationToken: cancellationToken));
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DuplicateDatabase or PostgresErrorCodes.UniqueViolation)
        {
            // Another replica created it at the same moment.
        }
    }
}
