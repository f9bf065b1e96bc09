using System.Text.Json;
using Dapper;
using Marketplace.Testing;
using Marketplace.Contracts.Onboarding;
using Marketplace.ServiceDefaults.Messaging;

namespace Marketplace.ServiceDefaults.Tests;

public sealed class Writing_to_the_outbox : IAsyncLifetime
{
    private readonly TestDatabase db = new(typeof(Applying_migrations).Assembly);

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        await db.Runner().StartAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task An_event_exists_only_if_its_transaction_commits()
    {
        var withdrawn = new OfferWithdrawn(Guid.NewGuid(), Guid.NewGuid(), 3, "Withdrawn by the provider", DateTimeOffset.UtcNow);
        await using var connection = await db.DataSource.OpenConnectionAsync();

        await using (var rolledBack = await connection.BeginTransactionAsync())
        {
            await Outbox.EnqueueAsync(rolledBack, withdrawn, CancellationToken.None);
            await rolledBack.RollbackAsync();
        }

        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM outbox_messages"));

        Guid id;
        await using (var committed = await connection.BeginTransactionAsync())
        {
            id = await Outbox.EnqueueAsync(committed, withdrawn, CancellationToken.None);
            await committed.CommitAsync();
        }

        var row = await connection.QuerySingleAsync<(Guid Id, string MessageType, string Body, DateTime? SentAt)>(
            "SELECT id, message_type, body::text, sent_at FROM outbox_messages");
        Assert.Equal(id, row.Id);
        Assert.Equal(typeof(OfferWithdrawn).FullName, row.MessageType);
        Assert.Null(row.SentAt);
        var body = JsonDocument.Parse(row.Body).RootElement;
        Assert.Equal(withdrawn.OfferId, body.GetProperty("offerId").GetGuid());
        Assert.Equal(3, body.GetProperty("version").GetInt32());
    }
}
