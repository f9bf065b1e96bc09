using Marketplace.Purchasing.Features.Budgets;

namespace Marketplace.Purchasing.Tests.Features.Budgets;

public sealed class Adjusting_a_personal_budget : IAsyncLifetime
{
    private readonly PurchasingDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Top_ups_and_reductions_are_ledger_entries_and_never_reach_committed_money()
    {
        var family = PurchasingDatabase.Family("adjusted");
        var budgetId = await db.AllocateAsync(family, 10_000);
        var offerId = await db.PublishOfferAsync(6_000);
        Assert.Equal(201, (await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId))).StatusCode);

        var topUp = await BudgetAdjustment.AdjustAsync(db.DataSource, PurchasingDatabase.Officer, budgetId,
            new AdjustBudgetRequest("education", 2_000, "Annual review added tuition"), "top-up-1", PurchasingDatabase.Now, default);
        Assert.Equal(200, topUp.StatusCode);
        var replayed = await BudgetAdjustment.AdjustAsync(db.DataSource, PurchasingDatabase.Officer, budgetId,
            new AdjustBudgetRequest("education", 2_000, "Annual review added tuition"), "top-up-1", PurchasingDatabase.Now, default);
        Assert.Equal(topUp.Json, replayed.Json);

        var tooMuch = await BudgetAdjustment.AdjustAsync(db.DataSource, PurchasingDatabase.Officer, budgetId,
            new AdjustBudgetRequest("education", -6_001, "Reduce"), null, PurchasingDatabase.Now, default);
        Assert.Equal(409, tooMuch.StatusCode);
        Assert.Equal("reduction-exceeds-available", tooMuch.Body.GetProperty("reason").GetString());

        Assert.Equal(200, (await BudgetAdjustment.AdjustAsync(db.DataSource, PurchasingDatabase.Officer, budgetId,
            new AdjustBudgetRequest("education", -6_000, "Provision moved to the school"), null, PurchasingDatabase.Now, default)).StatusCode);
        Assert.Equal(404, (await BudgetAdjustment.AdjustAsync(db.DataSource, PurchasingDatabase.OtherOfficer, budgetId,
            new AdjustBudgetRequest("education", 1_000, "Not mine"), null, PurchasingDatabase.Now, default)).StatusCode);

        var balance = await db.BalanceAsync(budgetId);
        Assert.Equal((0L, 6_000L), (balance.Available, balance.Committed));
        Assert.Equal((balance.Available, balance.Committed), (balance.LedgerAvailable, balance.LedgerCommitted));
        Assert.Equal(2, await db.ScalarAsync<int>("SELECT count(*) FROM budget_ledger WHERE kind = 'adjustment'"));
        Assert.Equal(2, await db.ScalarAsync<int>("SELECT count(*) FROM outbox_messages WHERE message_type = 'Marketplace.Contracts.Purchasing.BudgetAdjusted'"));
        Assert.True(BudgetAdjustment.Validate(new AdjustBudgetRequest("education", 0, "")).Any);
    }
}
