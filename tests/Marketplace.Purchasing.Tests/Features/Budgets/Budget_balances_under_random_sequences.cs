using FsCheck;
using FsCheck.Fluent;
using Marketplace.Purchasing.Features.Budgets;
using Marketplace.Purchasing.Features.Orders;

namespace Marketplace.Purchasing.Tests.Features.Budgets;

/// <summary>
/// Property test (FsCheck) on real PostgreSQL: any sequence of orders, declines, cancellations, acceptances,
/// deliveries, invoices and adjustments leaves every balance non-negative, equal to the ledger's sum, and equal to a simple
/// model; each step is refused exactly when the model says it must be.
/// </summary>
public sealed class Budget_balances_under_random_sequences : IAsyncLifetime
{
    private const long Price = 1_000;
    private readonly PurchasingDatabase db = new();
    private Guid offerId;

    public record struct Op(int Kind, int Quantity, int Target);

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        offerId = await db.PublishOfferAsync(Price);
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public void Balances_never_go_negative_and_always_equal_the_ledger()
    {
        var op = from kind in Gen.Choose(0, 7)
                 from quantity in Gen.Choose(1, 3)
                 from target in Gen.Choose(0, 9)
                 select new Op(kind, quantity, target);
        var scenario = from units in Gen.Choose(0, 12)
                       from ops in Gen.ListOf(op).Resize(25)
                       select (Units: units, Ops: ops.ToList());

        Check.One(Config.QuickThrowOnFailure.WithMaxTest(30), Prop.ForAll(scenario.ToArbitrary(), s => RunAsync(s.Units, s.Ops).GetAwaiter().GetResult()));
    }

    private async Task RunAsync(int units, List<Op> ops)
    {
        var family = PurchasingDatabase.Family($"prop-{Guid.NewGuid():N}");
        var budgetId = await db.AllocateAsync(family, units * Price);
        long available = units * Price, committed = 0, spent = 0;
        var orders = new List<(Guid Id, long Amount, string Status)>();

        foreach (var (kind, quantity, target) in ops)
        {
            if (kind <= 1)
            {
                var amount = quantity * Price;
                var answer = await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId, quantity));
                Assert.Equal(available >= amount ? 201 : 409, answer.StatusCode);
                if (answer.StatusCode == 201)
                {
                    orders.Add((answer.Body.GetProperty("id").GetGuid(), amount, "placed"));
                    available -= amount;
                    committed += amount;
                }
            }
            else if (kind == 6)
            {
                var delta = (quantity - 2) * Price;
                if (delta == 0)
                {
                    continue;
                }

                var answer = await BudgetAdjustment.AdjustAsync(db.DataSource, PurchasingDatabase.Officer, budgetId,
                    new AdjustBudgetRequest("education", delta, "Property test"), null, PurchasingDatabase.Now, default);
                Assert.Equal(available + delta >= 0 ? 200 : 409, answer.StatusCode);
                if (answer.StatusCode == 200)
                {
                    available += delta;
                }
            }
            else if (kind == 7 && orders.Count > 0)
            {
                // Invoice an order for a little less than it cost: the total is spent, the rest released.
                var i = target % orders.Count;
                var (id, amount, status) = orders[i];
                var total = amount - (quantity - 1) * 100;
                var answer = await db.InvoiceAsync(PurchasingDatabase.Provider, id, PurchasingDatabase.Invoice($"P-{id:N}", total));
                Assert.Equal(status switch { "delivered" => 201, "invoiced" => 200, _ => 409 }, answer.StatusCode);
                if (status == "delivered")
                {
                    orders[i] = (id, total, "invoiced");
                    committed -= amount;
                    spent += total;
                    available += amount - total;
                }
            }
            else if (orders.Count > 0)
            {
                var i = target % orders.Count;
                var (id, amount, status) = orders[i];
                var (step, from, to, caller) = kind switch
                {
                    2 => (OrderStep.Decline, new[] { "placed" }, "declined", PurchasingDatabase.Provider),
                    3 => (OrderStep.Cancel, new[] { "placed", "accepted" }, "cancelled", family),
                    4 => (OrderStep.Accept, new[] { "placed" }, "accepted", PurchasingDatabase.Provider),
                    _ => (OrderStep.Deliver, new[] { "accepted" }, "delivered", PurchasingDatabase.Provider),
                };
                var answer = await db.MoveAsync(caller, id, step, "Property test");
                var moves = from.Contains(status);
                Assert.Equal(moves || status == to ? 200 : 409, answer.StatusCode);
                if (moves)
                {
                    orders[i] = (id, amount, to);
                    if (to is "declined" or "cancelled")
                    {
                        available += amount;
                        committed -= amount;
                    }
                }
            }
        }

        var balance = await db.BalanceAsync(budgetId);
        Assert.True(balance.Available >= 0);
        Assert.Equal((available, committed, spent), (balance.Available, balance.Committed, balance.Spent));
        Assert.Equal((balance.Available, balance.Committed, balance.Spent), (balance.LedgerAvailable, balance.LedgerCommitted, balance.LedgerSpent));
    }
}
