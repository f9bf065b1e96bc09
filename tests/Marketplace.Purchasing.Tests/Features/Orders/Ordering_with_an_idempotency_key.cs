namespace Marketplace.Purchasing.Tests.Features.Orders;

public sealed class Ordering_with_an_idempotency_key : IAsyncLifetime
{
    private readonly PurchasingDatabase db = new();
    private Guid offerId;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        offerId = await db.PublishOfferAsync(2_000);
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task The_same_key_twice_returns_the_first_answer_and_creates_one_order()
    {
        var family = PurchasingDatabase.Family("retrying");
        var budgetId = await db.AllocateAsync(family, 100_000);

        var first = await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId), "key-1");
        var again = await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId), "key-1");

        Assert.Equal(201, first.StatusCode);
        Assert.Equal(first.StatusCode, again.StatusCode);
        Assert.Equal(first.Body.GetProperty("id").GetGuid(), again.Body.GetProperty("id").GetGuid());
        Assert.Equal(first.Location, again.Location);
        Assert.Equal(1, await db.ScalarAsync<int>("SELECT count(*) FROM orders WHERE budget_id = @budgetId", new { budgetId }));
        Assert.Equal(98_000, (await db.BalanceAsync(budgetId)).Available);
    }

    [Fact]
    public async Task The_same_key_sent_concurrently_creates_one_order()
    {
        var family = PurchasingDatabase.Family("double-clicking");
        var budgetId = await db.AllocateAsync(family, 100_000);

        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
        {
            start.Wait();
            return await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId), "same-key");
        })).ToList();
        start.Set();
        var answers = await Task.WhenAll(tasks);

        Assert.All(answers, a => Assert.Equal(201, a.StatusCode));
        Assert.Single(answers.Select(a => a.Body.GetProperty("id").GetGuid()).Distinct());
        Assert.Equal(1, await db.ScalarAsync<int>("SELECT count(*) FROM orders WHERE budget_id = @budgetId", new { budgetId }));
        Assert.Equal(1, await db.ScalarAsync<int>("SELECT count(*) FROM budget_ledger WHERE budget_id = @budgetId AND kind = 'commitment'", new { budgetId }));
        var balance = await db.BalanceAsync(budgetId);
        Assert.Equal((98_000L, 2_000L), (balance.Available, balance.Committed));
        Assert.Equal((balance.Available, balance.Committed), (balance.LedgerAvailable, balance.LedgerCommitted));
    }

    [Fact]
    public async Task A_key_belongs_to_its_user_and_to_one_request()
    {
        var one = PurchasingDatabase.Family("first-user");
        var two = PurchasingDatabase.Family("second-user");
        var budgetOne = await db.AllocateAsync(one, 100_000);
        var budgetTwo = await db.AllocateAsync(two, 100_000);

        var a = await db.PlaceAsync(one, PurchasingDatabase.Order(offerId, budgetOne), "shared-key");
        var b = await db.PlaceAsync(two, PurchasingDatabase.Order(offerId, budgetTwo), "shared-key");
        Assert.Equal(201, a.StatusCode);
        Assert.Equal(201, b.StatusCode);
        Assert.NotEqual(a.Body.GetProperty("id").GetGuid(), b.Body.GetProperty("id").GetGuid());

        var different = await db.PlaceAsync(one, PurchasingDatabase.Order(offerId, budgetOne, quantity: 3), "shared-key");
        Assert.Equal(422, different.StatusCode);
        Assert.Equal("idempotency-key-reused", different.Body.GetProperty("reason").GetString());
    }

    [Fact]
    public async Task A_refusal_is_the_first_answer_too()
    {
        var family = PurchasingDatabase.Family("short");
        var budgetId = await db.AllocateAsync(family, 1_000);

        var refused = await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId), "refused-key");
        var again = await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId), "refused-key");

        Assert.Equal(409, refused.StatusCode);
        Assert.Equal(refused.Json, again.Json);
        Assert.Equal(0, await db.ScalarAsync<int>("SELECT count(*) FROM orders WHERE budget_id = @budgetId", new { budgetId }));
    }
}
