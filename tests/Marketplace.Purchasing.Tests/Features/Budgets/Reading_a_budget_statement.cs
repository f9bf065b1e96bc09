using System.Text;
using Marketplace.Purchasing.Features.Budgets;
using Marketplace.Purchasing.Features.Orders;
using Marketplace.Purchasing.Features.Shared;

namespace Marketplace.Purchasing.Tests.Features.Budgets;

/// <summary>The holder's statement: every ledger entry with the money left after it, as JSON and CSV, for the holder and the LA only.</summary>
public sealed class Reading_a_budget_statement : IAsyncLifetime
{
    private readonly PurchasingDatabase db = new();
    private readonly Caller family = PurchasingDatabase.Family("statement");

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Each_entry_shows_what_is_left_and_the_csv_says_the_same()
    {
        var offerId = await db.PublishOfferAsync(3_000);
        var budgetId = await db.AllocateAsync(family, 30_000);
        var declined = (await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId))).Body.GetProperty("id").GetGuid();
        await db.MoveAsync(PurchasingDatabase.Provider, declined, OrderStep.Decline, "No places");
        var delivered = (await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId))).Body.GetProperty("id").GetGuid();
        await db.MoveAsync(PurchasingDatabase.Provider, delivered, OrderStep.Accept);
        await db.MoveAsync(PurchasingDatabase.Provider, delivered, OrderStep.Deliver);
        await db.InvoiceAsync(PurchasingDatabase.Provider, delivered, PurchasingDatabase.Invoice("ST-1", 2_000));

        var statement = await BudgetStatement.LoadAsync(db.DataSource, family, budgetId, default);

        Assert.NotNull(statement);
        Assert.Equal(
            [("allocation", 30_000L, 30_000L), ("commitment", -3_000L, 27_000L), ("release", 3_000L, 30_000L), ("commitment", -3_000L, 27_000L),
             ("spend", 0L, 27_000L), ("release", 1_000L, 28_000L)],
            statement.Lines.Select(l => (l.Kind, l.AvailableChangePence, l.AvailableAfterPence)).ToArray());
        Assert.Equal(2_000, statement.Lines.Single(l => l.Kind == "spend").AmountPence);
        Assert.Equal("Offer v1", statement.Lines[1].OfferName);
        var education = Assert.Single(statement.Components);
        Assert.Equal((28_000L, 0L, 2_000L), (education.AvailablePence, education.CommittedPence, education.SpentPence));

        var csv = Encoding.UTF8.GetString(BudgetStatement.Csv(statement)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("date,part,entry,amount,change_to_available,available_after,order,service,reason", csv[0]);
        Assert.Equal(7, csv.Length);
        Assert.Contains(",education,commitment,30.00,-30.00,270.00,", csv[2]);
        Assert.Contains(",education,release,10.00,10.00,280.00,", csv[6]);
    }

    [Fact]
    public async Task Only_the_holder_and_officers_of_its_LA_read_it()
    {
        var budgetId = await db.AllocateAsync(family, 10_000);
        Assert.NotNull(await BudgetStatement.LoadAsync(db.DataSource, PurchasingDatabase.Officer, budgetId, default));
        Assert.Null(await BudgetStatement.LoadAsync(db.DataSource, PurchasingDatabase.Family("neighbour"), budgetId, default));
        Assert.Null(await BudgetStatement.LoadAsync(db.DataSource, PurchasingDatabase.OtherOfficer, budgetId, default));
        Assert.Null(await BudgetStatement.LoadAsync(db.DataSource, PurchasingDatabase.Provider, budgetId, default));
        Assert.Null(await BudgetStatement.LoadAsync(db.DataSource, family, Guid.NewGuid(), default));
    }
}
