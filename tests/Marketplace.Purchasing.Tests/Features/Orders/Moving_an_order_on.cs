using Marketplace.Purchasing.Features.Orders;
using Marketplace.Purchasing.Features.Shared;

namespace Marketplace.Purchasing.Tests.Features.Orders;

/// <summary>Each step releases or spends exactly the order's amount, publishes its event, and only the right party can take it.</summary>
public sealed class Moving_an_order_on : IAsyncLifetime
{
    private readonly PurchasingDatabase db = new();
    private readonly Caller family = PurchasingDatabase.Family("lifecycle");
    private Guid offerId;
    private Guid budgetId;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        offerId = await db.PublishOfferAsync(3_000);
        budgetId = await db.AllocateAsync(family, 30_000);
    }

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<Guid> PlaceAsync() => (await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId))).Body.GetProperty("id").GetGuid();

    private Task<int> EventsAsync(string name) =>
        db.ScalarAsync<int>("SELECT count(*) FROM outbox_messages WHERE message_type = @type", new { type = $"Marketplace.Contracts.Purchasing.{name}" });

    [Fact]
    public async Task Accepted_then_delivered_keeps_the_money_committed_until_it_is_invoiced()
    {
        var orderId = await PlaceAsync();
        Assert.Equal(404, (await db.MoveAsync(PurchasingDatabase.OtherProvider, orderId, OrderStep.Accept)).StatusCode);
        Assert.Equal(409, (await db.MoveAsync(PurchasingDatabase.Provider, orderId, OrderStep.Deliver)).StatusCode);
        Assert.Equal("accepted", (await db.MoveAsync(PurchasingDatabase.Provider, orderId, OrderStep.Accept)).Body.GetProperty("status").GetString());
        Assert.Equal("delivered", (await db.MoveAsync(PurchasingDatabase.Provider, orderId, OrderStep.Deliver)).Body.GetProperty("status").GetString());
        // Repeating a step answers with the order and moves no money.
        Assert.Equal(200, (await db.MoveAsync(PurchasingDatabase.Provider, orderId, OrderStep.Deliver)).StatusCode);
        Assert.Equal(409, (await db.MoveAsync(family, orderId, OrderStep.Cancel)).StatusCode);

        var balance = await db.BalanceAsync(budgetId);
        Assert.Equal((27_000L, 3_000L, 0L), (balance.Available, balance.Committed, balance.Spent));
        Assert.Equal((balance.Available, balance.Committed, balance.Spent), (balance.LedgerAvailable, balance.LedgerCommitted, balance.LedgerSpent));
        Assert.Equal(1, await EventsAsync("OrderAccepted"));
        Assert.Equal(1, await EventsAsync("OrderDelivered"));
    }

    [Fact]
    public async Task Declined_with_a_reason_releases_the_money()
    {
        var orderId = await PlaceAsync();
        var declined = await OrderTransitions.MoveAsync(db.DataSource, PurchasingDatabase.Provider, orderId, OrderStep.Decline, "No places until March", "no-capacity",
            PurchasingDatabase.Now, default);

        Assert.Equal("declined", declined.Body.GetProperty("status").GetString());
        Assert.Equal("No places until March", declined.Body.GetProperty("reason").GetString());
        var balance = await db.BalanceAsync(budgetId);
        Assert.Equal((30_000L, 0L), (balance.Available, balance.Committed));
        Assert.Equal("no-capacity", await db.ScalarAsync<string>(
            "SELECT body ->> 'reasonCode' FROM outbox_messages WHERE message_type = 'Marketplace.Contracts.Purchasing.OrderDeclined'"));
        Assert.True(OrdersApi.ValidateStep(OrderStep.Decline, new StepRequest(null, null)).Any);
    }

    [Fact]
    public async Task Cancelled_by_the_buyer_releases_the_money_and_no_one_else_can_cancel()
    {
        var orderId = await PlaceAsync();
        Assert.Equal(404, (await db.MoveAsync(PurchasingDatabase.Family("someone-else"), orderId, OrderStep.Cancel)).StatusCode);
        Assert.Equal("cancelled", (await db.MoveAsync(family, orderId, OrderStep.Cancel)).Body.GetProperty("status").GetString());

        var balance = await db.BalanceAsync(budgetId);
        Assert.Equal((30_000L, 0L), (balance.Available, balance.Committed));
        Assert.Equal(1, await EventsAsync("OrderCancelled"));
        Assert.Equal(409, (await db.MoveAsync(PurchasingDatabase.Provider, orderId, OrderStep.Accept)).StatusCode);
    }
}
