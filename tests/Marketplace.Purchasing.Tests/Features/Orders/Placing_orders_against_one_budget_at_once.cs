using Marketplace.Purchasing.Features.Shared;
using Npgsql;

namespace Marketplace.Purchasing.Tests.Features.Orders;

/// <summary>Real PostgreSQL, real concurrency: the balance is enforced by the database, not by memory.</summary>
public sealed class Placing_orders_against_one_budget_at_once : IAsyncLifetime
{
    private readonly PurchasingDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Exactly_the_orders_the_balance_covers_succeed_and_the_ledger_sums_exactly()
    {
        const long price = 4_500;
        var family = PurchasingDatabase.Family("concurrent");
        var offerId = await db.PublishOfferAsync(price);
        var budgetId = await db.AllocateAsync(family, 10 * price);

        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 64).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId));
        })).ToList();
        start.Set();
        var answers = await Task.WhenAll(tasks);

        Assert.Equal(10, answers.Count(a => a.StatusCode == 201));
        var refused = answers.Where(a => a.StatusCode != 201).ToList();
        Assert.Equal(54, refused.Count);
        Assert.All(refused, a =>
        {
            Assert.Equal(409, a.StatusCode);
            Assert.Equal("insufficient-budget", a.Body.GetProperty("reason").GetString());
            Assert.Contains("£45.00", a.Body.GetProperty("detail").GetString());
        });

        var balance = await db.BalanceAsync(budgetId);
        Assert.Equal((0L, 10 * price, 0L), (balance.Available, balance.Committed, balance.Spent));
        Assert.Equal((balance.Available, balance.Committed, balance.Spent), (balance.LedgerAvailable, balance.LedgerCommitted, balance.LedgerSpent));
        Assert.Equal(10, await db.ScalarAsync<int>("SELECT count(*) FROM orders WHERE budget_id = @budgetId", new { budgetId }));
        Assert.Equal(10, await db.ScalarAsync<int>("SELECT count(*) FROM budget_ledger WHERE budget_id = @budgetId AND kind = 'commitment'", new { budgetId }));
        Assert.Equal(10, await db.ScalarAsync<int>("SELECT count(*) FROM outbox_messages WHERE message_type = 'Marketplace.Contracts.Purchasing.OrderPlaced'"));
    }

    [Fact]
    public async Task The_database_itself_refuses_a_negative_balance_and_any_edit_of_the_ledger()
    {
        var budgetId = await db.AllocateAsync(PurchasingDatabase.Family("guarded"), 1_000);

        var negative = await Assert.ThrowsAsync<PostgresException>(() => db.ScalarAsync<int>(
            "UPDATE budget_components SET available_pence = available_pence - 1001, committed_pence = committed_pence + 1001 WHERE budget_id = @budgetId",
            new { budgetId }));
        Assert.Equal(PostgresErrorCodes.CheckViolation, negative.SqlState);

        var edit = await Assert.ThrowsAsync<PostgresException>(() => db.ScalarAsync<int>("UPDATE budget_ledger SET amount_pence = 1 WHERE budget_id = @budgetId", new { budgetId }));
        Assert.Contains("append-only", edit.MessageText);
        var delete = await Assert.ThrowsAsync<PostgresException>(() => db.ScalarAsync<int>("DELETE FROM budget_ledger WHERE budget_id = @budgetId", new { budgetId }));
        Assert.Contains("append-only", delete.MessageText);
        await Assert.ThrowsAsync<PostgresException>(() => db.ScalarAsync<int>("TRUNCATE budget_ledger CASCADE"));
    }
}
