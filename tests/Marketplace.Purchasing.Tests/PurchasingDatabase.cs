using Dapper;
using Marketplace.Contracts.Onboarding;
using Marketplace.Purchasing.Consumers;
using Marketplace.Purchasing.Features.Budgets;
using Marketplace.Purchasing.Features.Invoices;
using Marketplace.Purchasing.Features.Orders;
using Marketplace.Purchasing.Features.Schools;
using Marketplace.Purchasing.Features.Shared;
using Marketplace.Testing;
using Npgsql;

namespace Marketplace.Purchasing.Tests;

/// <summary>A fresh, migrated purchasing database on the test run's PostgreSQL, with helpers that feed it offers and budgets.</summary>
public sealed class PurchasingDatabase : IAsyncLifetime
{
    public const string La = "E08000003";
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    public static readonly Caller Officer = new("officer-1", "officer@la.example", "la-officer", La, La);
    public static readonly Caller OtherOfficer = new("officer-2", "officer@other.example", "la-officer", "E08000010", "E08000010");
    public static readonly Guid ProviderId = Guid.NewGuid();
    public static readonly Caller Provider = new("provider-1", "provider@example.org", "provider", La, ProviderId.ToString());
    public static readonly Caller OtherProvider = new("provider-2", "provider2@example.org", "provider", La, Guid.NewGuid().ToString());
    public static readonly Caller School = new("school-1", "senco@school.example", "school", La, "105000");

    private readonly TestDatabase db = new(typeof(OrderPlacement).Assembly);

    public NpgsqlDataSource DataSource => db.DataSource;

    public static Caller Family(string name) => new($"user-{name}", $"{name}@family.example", "family", La, null);

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        await db.Runner().StartAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => db.DisposeAsync();

    public async Task<Guid> PublishOfferAsync(long pricePence, bool budgetEligible = true, string serviceType = "speech-and-language-therapy",
        bool schoolsCanBuy = true, Guid? providerId = null, int version = 1, Guid? offerId = null)
    {
        var id = offerId ?? Guid.NewGuid();
        await InTransactionAsync(t => KeepPublishedOfferConsumer.ApplyAsync(t, Published(id, providerId ?? ProviderId, version, pricePence, budgetEligible, serviceType, schoolsCanBuy), default));
        return id;
    }

    public static OfferPublished Published(Guid offerId, Guid providerId, int version, long pricePence, bool budgetEligible = true,
        string serviceType = "speech-and-language-therapy", bool schoolsCanBuy = true) =>
        new(offerId, providerId, version, new OfferSnapshot(
            $"Offer v{version}", "About it", "Brightpath Therapies", serviceType, ["SLCN"], "health", "targeted", 4, 11, [La], ["in-person"],
            "Anyone", "Email us", [new CostOption("One session", pricePence, "session"), new CostOption("Free taster", 0, "free")], 8, 2,
            budgetEligible, schoolsCanBuy, null, null, []), Now);

    public async Task InTransactionAsync(Func<NpgsqlTransaction, Task> work)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await work(transaction);
        await transaction.CommitAsync();
    }

    public static AllocateBudgetRequest Budget(Caller holder, params BudgetComponentRequest[] components) => new(
        null, holder.Email, "parent", null, $"EHC-{Guid.NewGuid():N}"[..20], new DateOnly(2026, 4, 1), new DateOnly(2027, 3, 31), components);

    public async Task<Guid> AllocateAsync(Caller holder, long educationPence, string deliveryMode = "organised", long? thresholdPence = null)
    {
        var answer = await BudgetAllocation.AllocateAsync(DataSource, Officer,
            Budget(holder, new BudgetComponentRequest("education", educationPence, deliveryMode, thresholdPence)), null, Now, default);
        Assert.True(answer.IsSuccess, answer.Json);
        return answer.Body.GetProperty("id").GetGuid();
    }

    public static PlaceOrderRequest Order(Guid offerId, Guid budgetId, int quantity = 1, int version = 1, string component = "education", int costOption = 0) =>
        new(offerId, version, costOption, quantity, new OrderFunding("budget", budgetId, component, null), "Sam");

    public Task<Answer> PlaceAsync(Caller buyer, PlaceOrderRequest request, string? key = null) =>
        OrderPlacement.PlaceAsync(DataSource, buyer, request, key, Now, default);

    public Task<Answer> MoveAsync(Caller caller, Guid orderId, OrderStep step, string? reason = null) =>
        OrderTransitions.MoveAsync(DataSource, caller, orderId, step, reason, null, Now, default);

    /// <summary>Sets up <see cref="School"/>'s account (URN 105000) with its staff member and an optional cap.</summary>
    public async Task SetUpSchoolAsync(long? capPence, Caller? school = null)
    {
        school ??= School;
        var answer = await SchoolAccounts.SetUpAsync(DataSource, school, school.OrganisationId!, new SchoolAccountRequest("Oakfield Primary", capPence, [school.Email!]), Now, default);
        Assert.True(answer.IsSuccess, answer.Json);
    }

    public static PlaceOrderRequest SchoolOrder(Guid offerId, int quantity = 1, string purchaseOrderNumber = "PO-1") =>
        new(offerId, 1, 0, quantity, new OrderFunding("school-account", null, null, purchaseOrderNumber), "Year 4");

    public static IssueInvoiceRequest Invoice(string number, long totalPence, string vatStatus = "not-registered") =>
        new(number, [new InvoiceLineRequest("Sessions delivered", 1, totalPence)], vatStatus, vatStatus is "standard-rated" or "zero-rated" ? "GB123456789" : null,
            null, DateOnly.FromDateTime(Now.UtcDateTime).AddDays(30));

    public Task<Answer> InvoiceAsync(Caller provider, Guid orderId, IssueInvoiceRequest request) =>
        InvoiceIssuing.IssueAsync(DataSource, provider, orderId, request, Now, default);

    public Task<Answer> PayAsync(Caller payer, Guid orderId, string? reference = null) =>
        InvoicePayment.RecordAsync(DataSource, payer, orderId, new RecordPaymentRequest(null, reference), Now, default);

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, args))!;
    }

    /// <summary>The component's balance row and what its ledger says it should be.</summary>
    public async Task<(long Available, long Committed, long Spent, long LedgerAvailable, long LedgerCommitted, long LedgerSpent)> BalanceAsync(Guid budgetId, string component = "education")
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await connection.QuerySingleAsync<(long, long, long, long, long, long)>(
            """
            SELECT c.available_pence, c.committed_pence, c.spent_pence,
                   (coalesce(sum(l.amount_pence) FILTER (WHERE l.kind IN ('allocation', 'adjustment', 'release')), 0)
                     - coalesce(sum(l.amount_pence) FILTER (WHERE l.kind = 'commitment'), 0))::bigint,
                   (coalesce(sum(l.amount_pence) FILTER (WHERE l.kind = 'commitment'), 0)
                     - coalesce(sum(l.amount_pence) FILTER (WHERE l.kind IN ('release', 'spend')), 0))::bigint,
                   coalesce(sum(l.amount_pence) FILTER (WHERE l.kind = 'spend'), 0)::bigint
            FROM budget_components c LEFT JOIN budget_ledger l ON l.budget_id = c.budget_id AND l.component = c.component
            WHERE c.budget_id = @budgetId AND c.component = @component
            GROUP BY c.available_pence, c.committed_pence, c.spent_pence
            """, new { budgetId, component });
    }
}
