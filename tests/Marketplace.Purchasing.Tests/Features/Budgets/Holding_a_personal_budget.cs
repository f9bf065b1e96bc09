using Marketplace.Purchasing.Features.Budgets;
using Marketplace.Purchasing.Features.Shared;

namespace Marketplace.Purchasing.Tests.Features.Budgets;

public sealed class Holding_a_personal_budget : IAsyncLifetime
{
    private readonly PurchasingDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task An_allocation_has_balances_per_component_a_ledger_and_its_event()
    {
        var family = PurchasingDatabase.Family("allocated");
        var answer = await BudgetAllocation.AllocateAsync(db.DataSource, PurchasingDatabase.Officer, PurchasingDatabase.Budget(family,
            new BudgetComponentRequest("education", 300_000, "organised", 100_000),
            new BudgetComponentRequest("health", 150_000, "third-party", null),
            new BudgetComponentRequest("social-care", 200_000, "direct-payment", 50_000)), "alloc-1", PurchasingDatabase.Now, default);

        Assert.Equal(201, answer.StatusCode);
        var components = answer.Body.GetProperty("components").EnumerateArray().ToList();
        Assert.Equal(["education", "health", "social-care"], components.Select(c => c.GetProperty("component").GetString()));
        Assert.Equal(200_000, components[2].GetProperty("availablePence").GetInt64());
        Assert.Equal(3, answer.Body.GetProperty("ledger").GetArrayLength());
        Assert.Equal(1, await db.ScalarAsync<int>("SELECT count(*) FROM outbox_messages WHERE message_type = 'Marketplace.Contracts.Purchasing.BudgetAllocated'"));

        // The same Idempotency-Key allocates nothing new.
        var again = await BudgetAllocation.AllocateAsync(db.DataSource, PurchasingDatabase.Officer, PurchasingDatabase.Budget(family), "alloc-1", PurchasingDatabase.Now, default);
        Assert.Equal(422, again.StatusCode);
        Assert.Equal(1, await db.ScalarAsync<int>("SELECT count(*) FROM budgets"));
    }

    [Fact]
    public async Task One_holder_cannot_read_or_spend_another_holders_budget()
    {
        var owner = PurchasingDatabase.Family("owner");
        var other = PurchasingDatabase.Family("other");
        var budgetId = await db.AllocateAsync(owner, 10_000);
        var offerId = await db.PublishOfferAsync(1_000);

        Assert.Equal(200, (await BudgetsApi.GetAsync(db.DataSource, owner, budgetId, default)).StatusCode);
        // The holder is named by email: another account with the same email in a different case is the same person.
        Assert.Equal(200, (await BudgetsApi.GetAsync(db.DataSource, owner with { UserId = "new-id", Email = owner.Email!.ToUpperInvariant() }, budgetId, default)).StatusCode);
        Assert.Equal(200, (await BudgetsApi.GetAsync(db.DataSource, PurchasingDatabase.Officer, budgetId, default)).StatusCode);

        Assert.Equal(404, (await BudgetsApi.GetAsync(db.DataSource, other, budgetId, default)).StatusCode);
        Assert.Equal(404, (await BudgetsApi.GetAsync(db.DataSource, PurchasingDatabase.OtherOfficer, budgetId, default)).StatusCode);
        Assert.Equal(404, (await BudgetsApi.GetAsync(db.DataSource, PurchasingDatabase.Provider, budgetId, default)).StatusCode);
        var spend = await db.PlaceAsync(other, PurchasingDatabase.Order(offerId, budgetId));
        Assert.Equal(404, spend.StatusCode);
        Assert.Equal("budget-not-found", spend.Body.GetProperty("reason").GetString());
        Assert.Equal(10_000, (await db.BalanceAsync(budgetId)).Available);
    }

    [Fact]
    public async Task Only_an_officer_allocates_and_a_young_person_holder_is_16_to_25()
    {
        var family = PurchasingDatabase.Family("asking");
        var notOfficer = await BudgetAllocation.AllocateAsync(db.DataSource, family, PurchasingDatabase.Budget(family,
            new BudgetComponentRequest("education", 1, "organised", null)), null, PurchasingDatabase.Now, default);
        Assert.Equal(403, notOfficer.StatusCode);

        var request = PurchasingDatabase.Budget(family, new BudgetComponentRequest("education", 1_000, "organised", null)) with { HolderType = "young-person" };
        Assert.True(BudgetAllocation.Validate(request).Any);
        Assert.True(BudgetAllocation.Validate(request with { HolderDateOfBirth = new DateOnly(2011, 4, 2) }).Any); // 14
        Assert.True(BudgetAllocation.Validate(request with { HolderDateOfBirth = new DateOnly(2000, 3, 31) }).Any); // 26
        Assert.False(BudgetAllocation.Validate(request with { HolderDateOfBirth = new DateOnly(2010, 4, 1) }).Any); // 16
        Assert.False(BudgetAllocation.Validate(request with { HolderDateOfBirth = new DateOnly(2000, 4, 2) }).Any); // 25
        Assert.True(BudgetAllocation.Validate(request with { Components = [new BudgetComponentRequest("dental", -1, "cash", 0)] }).Any);
    }
}
