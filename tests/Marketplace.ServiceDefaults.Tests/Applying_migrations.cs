using Dapper;
using Marketplace.Testing;

namespace Marketplace.ServiceDefaults.Tests;

public sealed class Applying_migrations : IAsyncLifetime
{
    private readonly TestDatabase db = new(typeof(Applying_migrations).Assembly);

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Creates_the_database_and_applies_shared_scripts_before_the_services_own_in_order()
    {
        await db.Runner().StartAsync(CancellationToken.None);

        await using var connection = await db.DataSource.OpenConnectionAsync();
        var applied = (await connection.QueryAsync<string>("SELECT version FROM schema_migrations ORDER BY applied_at, version")).ToList();
        Assert.Equal(["shared/0001_create_outbox_and_inbox.sql", "0001_create_widgets.sql", "0002_add_widget_colour.sql"], applied);
        Assert.Equal("blue", await connection.ExecuteScalarAsync<string>("INSERT INTO widgets (id, name) VALUES (1, 'a') RETURNING colour"));
    }

    [Fact]
    public async Task Replicas_starting_together_apply_each_script_once_and_a_restart_applies_nothing()
    {
        await db.Database.EnsureCreatedAsync(CancellationToken.None);
        var runs = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => db.Runner().ApplyAsync(CancellationToken.None))));

        Assert.Equal(3, runs.Sum(r => r.Count));
        Assert.Empty(await db.Runner().ApplyAsync(CancellationToken.None));
        await using var connection = await db.DataSource.OpenConnectionAsync();
        Assert.Equal(3, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM schema_migrations"));
    }
}
