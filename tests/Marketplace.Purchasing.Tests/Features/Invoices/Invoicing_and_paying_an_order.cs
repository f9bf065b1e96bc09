using Marketplace.Purchasing.Features.Invoices;
using Marketplace.Purchasing.Features.Orders;
using Marketplace.Purchasing.Features.Shared;

namespace Marketplace.Purchasing.Tests.Features.Invoices;

/// <summary>
/// The provider invoices a delivered order: the invoice's total is spent, what it did not use is released, and the
/// ledger says exactly that. The payer marks it paid, which closes the order and moves no money.
/// </summary>
public sealed class Invoicing_and_paying_an_order : IAsyncLifetime
{
    private readonly PurchasingDatabase db = new();
    private readonly Caller family = PurchasingDatabase.Family("invoiced");
    private Guid offerId;
    private Guid budgetId;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        offerId = await db.PublishOfferAsync(3_000);
        budgetId = await db.AllocateAsync(family, 30_000);
    }

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<Guid> DeliveredOrderAsync(int quantity = 3, Caller? buyer = null, Guid? budget = null)
    {
        var placed = await db.PlaceAsync(buyer ?? family, PurchasingDatabase.Order(offerId, budget ?? budgetId, quantity));
        Assert.True(placed.IsSuccess, placed.Json);
        var orderId = placed.Body.GetProperty("id").GetGuid();
        Assert.Equal(200, (await db.MoveAsync(PurchasingDatabase.Provider, orderId, OrderStep.Accept)).StatusCode);
        Assert.Equal(200, (await db.MoveAsync(PurchasingDatabase.Provider, orderId, OrderStep.Deliver)).StatusCode);
        return orderId;
    }

    private Task<int> EventsAsync(string name) =>
        db.ScalarAsync<int>("SELECT count(*) FROM outbox_messages WHERE message_type = @type", new { type = $"Marketplace.Contracts.Purchasing.{name}" });

    [Fact]
    public async Task An_invoice_spends_its_total_and_releases_what_it_did_not_use()
    {
        var orderId = await DeliveredOrderAsync(quantity: 3);

        var issued = await db.InvoiceAsync(PurchasingDatabase.Provider, orderId, PurchasingDatabase.Invoice("INV-001", 7_500, "standard-rated"));

        Assert.True(issued.StatusCode == 201, issued.Json);
        Assert.Equal(7_500, issued.Body.GetProperty("totalPence").GetInt64());
        Assert.Equal(1_250, issued.Body.GetProperty("vatPence").GetInt64());
        Assert.Equal("unpaid", issued.Body.GetProperty("status").GetString());
        var balance = await db.BalanceAsync(budgetId);
        Assert.Equal((22_500L, 0L, 7_500L), (balance.Available, balance.Committed, balance.Spent));
        Assert.Equal((balance.Available, balance.Committed, balance.Spent), (balance.LedgerAvailable, balance.LedgerCommitted, balance.LedgerSpent));
        Assert.Equal("invoiced", await db.ScalarAsync<string>("SELECT status FROM orders WHERE id = @orderId", new { orderId }));
        Assert.Equal(1, await EventsAsync("InvoiceIssued"));
        Assert.Equal(1_500, await db.ScalarAsync<long>(
            "SELECT (body ->> 'releasedPence')::bigint FROM outbox_messages WHERE message_type = 'Marketplace.Contracts.Purchasing.InvoiceIssued'"));

        // Sending the same invoice again answers with it and moves nothing; a second, different invoice is refused.
        var entries = await db.ScalarAsync<long>("SELECT count(*) FROM budget_ledger WHERE budget_id = @budgetId", new { budgetId });
        Assert.Equal(200, (await db.InvoiceAsync(PurchasingDatabase.Provider, orderId, PurchasingDatabase.Invoice("INV-001", 7_500, "standard-rated"))).StatusCode);
        var second = await db.InvoiceAsync(PurchasingDatabase.Provider, orderId, PurchasingDatabase.Invoice("INV-002", 1_000));
        Assert.Equal("already-invoiced", second.Body.GetProperty("reason").GetString());
        Assert.Equal(entries, await db.ScalarAsync<long>("SELECT count(*) FROM budget_ledger WHERE budget_id = @budgetId", new { budgetId }));
        Assert.Equal(1, await EventsAsync("InvoiceIssued"));
        Assert.Equal(balance, await db.BalanceAsync(budgetId));
    }

    [Fact]
    public async Task An_invoice_is_refused_before_delivery_above_the_order_or_with_a_number_used_before()
    {
        var placed = await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId));
        var notDelivered = placed.Body.GetProperty("id").GetGuid();
        Assert.Equal("order-state", (await db.InvoiceAsync(PurchasingDatabase.Provider, notDelivered, PurchasingDatabase.Invoice("A-1", 3_000))).Body.GetProperty("reason").GetString());

        var orderId = await DeliveredOrderAsync(quantity: 1);
        Assert.Equal(404, (await db.InvoiceAsync(PurchasingDatabase.OtherProvider, orderId, PurchasingDatabase.Invoice("A-1", 3_000))).StatusCode);
        var tooMuch = await db.InvoiceAsync(PurchasingDatabase.Provider, orderId, PurchasingDatabase.Invoice("A-1", 3_001));
        Assert.Equal(409, tooMuch.StatusCode);
        Assert.Equal("invoice-exceeds-order", tooMuch.Body.GetProperty("reason").GetString());
        Assert.Contains("£30.01", tooMuch.Body.GetProperty("detail").GetString());
        Assert.Equal(201, (await db.InvoiceAsync(PurchasingDatabase.Provider, orderId, PurchasingDatabase.Invoice("A-1", 3_000))).StatusCode);

        var another = await DeliveredOrderAsync(quantity: 1);
        var reused = await db.InvoiceAsync(PurchasingDatabase.Provider, another, PurchasingDatabase.Invoice("A-1", 3_000));
        Assert.Equal("invoice-number-used", reused.Body.GetProperty("reason").GetString());
        Assert.Equal("delivered", await db.ScalarAsync<string>("SELECT status FROM orders WHERE id = @another", new { another }));

        // Nothing but the one invoice moved money: 3 orders of £30 committed or spent, £30 of it spent.
        var balance = await db.BalanceAsync(budgetId);
        Assert.Equal((21_000L, 6_000L, 3_000L), (balance.Available, balance.Committed, balance.Spent));
        Assert.Equal((balance.Available, balance.Committed, balance.Spent), (balance.LedgerAvailable, balance.LedgerCommitted, balance.LedgerSpent));
    }

    [Fact]
    public async Task The_same_invoice_number_is_fine_for_another_provider()
    {
        var otherProviderId = Guid.Parse(PurchasingDatabase.OtherProvider.OrganisationId!);
        var otherOffer = await db.PublishOfferAsync(3_000, providerId: otherProviderId);
        var mine = await DeliveredOrderAsync(quantity: 1);
        var placed = await db.PlaceAsync(family, PurchasingDatabase.Order(otherOffer, budgetId));
        var theirs = placed.Body.GetProperty("id").GetGuid();
        await db.MoveAsync(PurchasingDatabase.OtherProvider, theirs, OrderStep.Accept);
        await db.MoveAsync(PurchasingDatabase.OtherProvider, theirs, OrderStep.Deliver);

        Assert.Equal(201, (await db.InvoiceAsync(PurchasingDatabase.Provider, mine, PurchasingDatabase.Invoice("1001", 3_000))).StatusCode);
        Assert.Equal(201, (await db.InvoiceAsync(PurchasingDatabase.OtherProvider, theirs, PurchasingDatabase.Invoice("1001", 3_000))).StatusCode);
    }

    [Fact]
    public void A_request_without_the_invoice_details_names_each_field()
    {
        var today = DateOnly.FromDateTime(PurchasingDatabase.Now.UtcDateTime);
        var errors = InvoiceIssuing.Validate(new IssueInvoiceRequest("=SUM(A1)", [new InvoiceLineRequest("", 0, -1)], "standard-rated", null, null, today.AddDays(-1)), today);
        var problem = Assert.IsType<Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult>(errors.ToResult());
        Assert.Equal(400, problem.StatusCode);
        var fields = Assert.IsType<Microsoft.AspNetCore.Http.HttpValidationProblemDetails>(problem.ProblemDetails).Errors.Keys;
        Assert.Equal(
            ["dueOn", "invoiceNumber", "lines[0].description", "lines[0].quantity", "lines[0].unitPricePence", "vatRegistrationNumber"],
            fields.Order().ToArray());
        Assert.False(InvoiceIssuing.Validate(PurchasingDatabase.Invoice("INV/2026-01", 100), today).Any);
    }

    [Fact]
    public async Task The_local_authority_pays_for_an_organised_arrangement_and_payment_moves_no_money()
    {
        var orderId = await DeliveredOrderAsync(quantity: 2);
        Assert.Equal("order-state", (await db.PayAsync(PurchasingDatabase.Officer, orderId)).Body.GetProperty("reason").GetString());
        await db.InvoiceAsync(PurchasingDatabase.Provider, orderId, PurchasingDatabase.Invoice("P-1", 6_000));
        var before = await db.BalanceAsync(budgetId);

        var byFamily = await db.PayAsync(family, orderId);
        Assert.Equal(403, byFamily.StatusCode);
        Assert.Equal("not-the-payer", byFamily.Body.GetProperty("reason").GetString());
        Assert.Equal(404, (await db.PayAsync(PurchasingDatabase.OtherOfficer, orderId)).StatusCode);
        var paid = await db.PayAsync(PurchasingDatabase.Officer, orderId, "BACS 7731");
        Assert.Equal("paid", paid.Body.GetProperty("status").GetString());
        Assert.Equal("BACS 7731", paid.Body.GetProperty("paymentReference").GetString());
        Assert.Equal(200, (await db.PayAsync(PurchasingDatabase.Officer, orderId)).StatusCode);

        Assert.Equal("paid", await db.ScalarAsync<string>("SELECT status FROM orders WHERE id = @orderId", new { orderId }));
        Assert.Equal(1, await EventsAsync("InvoicePaid"));
        Assert.Equal(before, await db.BalanceAsync(budgetId));
    }

    [Fact]
    public async Task The_holder_pays_for_a_direct_payment()
    {
        var holder = PurchasingDatabase.Family("direct");
        var direct = await db.AllocateAsync(holder, 10_000, deliveryMode: "direct-payment");
        var orderId = await DeliveredOrderAsync(quantity: 1, holder, direct);
        await db.InvoiceAsync(PurchasingDatabase.Provider, orderId, PurchasingDatabase.Invoice("D-1", 3_000));

        Assert.Equal(403, (await db.PayAsync(PurchasingDatabase.Officer, orderId)).StatusCode);
        Assert.Equal(404, (await db.PayAsync(family, orderId)).StatusCode);
        Assert.Equal("paid", (await db.PayAsync(holder, orderId)).Body.GetProperty("status").GetString());
        var balance = await db.BalanceAsync(direct);
        Assert.Equal((7_000L, 0L, 3_000L), (balance.Available, balance.Committed, balance.Spent));
    }
}
