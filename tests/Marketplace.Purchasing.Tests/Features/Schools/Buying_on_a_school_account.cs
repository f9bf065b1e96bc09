using Dapper;
using Marketplace.Purchasing.Features.Orders;
using Marketplace.Purchasing.Features.Schools;
using Marketplace.Purchasing.Features.Shared;

namespace Marketplace.Purchasing.Tests.Features.Schools;

/// <summary>
/// A school orders on its account with a purchase order number; only its listed staff may order; its annual cap is
/// held by the database like a budget, however many orders arrive at once.
/// </summary>
public sealed class Buying_on_a_school_account : IAsyncLifetime
{
    private const long Price = 25_000;
    private readonly PurchasingDatabase db = new();
    private Guid offerId;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        offerId = await db.PublishOfferAsync(Price, budgetEligible: false, schoolsCanBuy: true);
    }

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task<(long Cap, long Committed, long Spent)> YearAsync()
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<(long, long, long)>(
            "SELECT coalesce(cap_pence, -1), committed_pence, spent_pence FROM school_account_years WHERE urn = '105000'");
    }

    [Fact]
    public async Task Exactly_the_orders_the_cap_covers_succeed_at_once()
    {
        await db.SetUpSchoolAsync(capPence: 5 * Price);

        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 32).Select(i => Task.Run(async () =>
        {
            start.Wait();
            return await db.PlaceAsync(PurchasingDatabase.School, PurchasingDatabase.SchoolOrder(offerId, purchaseOrderNumber: $"PO-{i}"));
        })).ToList();
        start.Set();
        var answers = await Task.WhenAll(tasks);

        Assert.Equal(5, answers.Count(a => a.StatusCode == 201));
        Assert.All(answers.Where(a => a.StatusCode != 201), a =>
        {
            Assert.Equal(409, a.StatusCode);
            Assert.Equal("school-cap-reached", a.Body.GetProperty("reason").GetString());
            Assert.Contains("£0.00 of it is left", a.Body.GetProperty("detail").GetString());
        });
        Assert.Equal((5 * Price, 5 * Price, 0L), await YearAsync());
        Assert.Equal(5, await db.ScalarAsync<int>("SELECT count(*) FROM orders WHERE buyer_organisation = '105000'"));
        Assert.Equal(5, await db.ScalarAsync<int>("SELECT count(*) FROM outbox_messages WHERE message_type = 'Marketplace.Contracts.Purchasing.OrderPlaced'"));
    }

    [Fact]
    public async Task A_declined_order_gives_the_cap_back_and_an_invoice_spends_it()
    {
        await db.SetUpSchoolAsync(capPence: 2 * Price);
        var first = (await db.PlaceAsync(PurchasingDatabase.School, PurchasingDatabase.SchoolOrder(offerId))).Body.GetProperty("id").GetGuid();
        var second = (await db.PlaceAsync(PurchasingDatabase.School, PurchasingDatabase.SchoolOrder(offerId))).Body.GetProperty("id").GetGuid();
        Assert.Equal(409, (await db.PlaceAsync(PurchasingDatabase.School, PurchasingDatabase.SchoolOrder(offerId))).StatusCode);

        await OrderTransitions.MoveAsync(db.DataSource, PurchasingDatabase.Provider, first, OrderStep.Decline, "Fully booked", "no-capacity", PurchasingDatabase.Now, default);
        Assert.Equal((2 * Price, Price, 0L), await YearAsync());
        await db.MoveAsync(PurchasingDatabase.Provider, second, OrderStep.Accept);
        await db.MoveAsync(PurchasingDatabase.Provider, second, OrderStep.Deliver);
        Assert.Equal(201, (await db.InvoiceAsync(PurchasingDatabase.Provider, second, PurchasingDatabase.Invoice("S-1", 20_000))).StatusCode);
        Assert.Equal((2 * Price, 0L, 20_000L), await YearAsync());

        // The school pays its own invoice; the LA does not.
        Assert.Equal(403, (await db.PayAsync(PurchasingDatabase.Officer, second)).StatusCode);
        var colleague = PurchasingDatabase.School with { UserId = "school-2", Email = "bursar@school.example" };
        Assert.Equal("paid", (await db.PayAsync(colleague, second)).Body.GetProperty("status").GetString());
        Assert.Equal((2 * Price, 0L, 20_000L), await YearAsync());

        // The cap cannot go below what the year has already used.
        var lowered = await SchoolAccounts.SetUpAsync(db.DataSource, PurchasingDatabase.School, "105000",
            new SchoolAccountRequest("Oakfield Primary", 19_999, [PurchasingDatabase.School.Email!]), PurchasingDatabase.Now, default);
        Assert.Equal("cap-below-spending", lowered.Body.GetProperty("reason").GetString());
        Assert.Equal((2 * Price, 0L, 20_000L), await YearAsync());
    }

    [Fact]
    public async Task Only_the_schools_listed_staff_order_and_only_the_school_and_its_LA_see_the_account()
    {
        var noAccount = await db.PlaceAsync(PurchasingDatabase.School, PurchasingDatabase.SchoolOrder(offerId));
        Assert.Equal("no-school-account", noAccount.Body.GetProperty("reason").GetString());
        Assert.False(string.IsNullOrWhiteSpace(noAccount.Body.GetProperty("detail").GetString()));

        await db.SetUpSchoolAsync(capPence: null);
        var unlisted = PurchasingDatabase.School with { UserId = "school-3", Email = "supply.teacher@school.example" };
        var refused = await db.PlaceAsync(unlisted, PurchasingDatabase.SchoolOrder(offerId));
        Assert.Equal(403, refused.StatusCode);
        Assert.Equal("not-school-staff", refused.Body.GetProperty("reason").GetString());
        Assert.Equal(201, (await db.PlaceAsync(PurchasingDatabase.School, PurchasingDatabase.SchoolOrder(offerId))).StatusCode);

        var otherSchool = PurchasingDatabase.School with { UserId = "school-9", Email = "head@other.example", OrganisationId = "105999" };
        Assert.Equal(404, (await SchoolAccounts.GetAsync(db.DataSource, otherSchool, "105000", PurchasingDatabase.Now, default)).StatusCode);
        Assert.Equal(404, (await SchoolAccounts.GetAsync(db.DataSource, PurchasingDatabase.OtherOfficer, "105000", PurchasingDatabase.Now, default)).StatusCode);
        Assert.Equal(403, (await SchoolAccounts.SetUpAsync(db.DataSource, otherSchool, "105000",
            new SchoolAccountRequest("Taken over", 0, ["head@other.example"]), PurchasingDatabase.Now, default)).StatusCode);
        var seen = await SchoolAccounts.GetAsync(db.DataSource, PurchasingDatabase.Officer, "105000", PurchasingDatabase.Now, default);
        Assert.Equal("Oakfield Primary", seen.Body.GetProperty("name").GetString());
        Assert.Equal(Price, seen.Body.GetProperty("committedPence").GetInt64());
        Assert.True(SchoolAccounts.Validate(new SchoolAccountRequest("", -1, ["not an email"])).Any);
    }
}
