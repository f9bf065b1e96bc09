using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Marketplace.Gateway.Backend;

public sealed record PriceOption(string Label, long AmountPence, string Unit);

/// <summary>An offer as purchasing sells it: the version and prices an order names.</summary>
public sealed record SellableOffer(Guid Id, Guid ProviderId, int Version, string Name, string ProviderName, string ServiceType, bool BudgetEligible,
    bool SchoolsCanBuy, bool CanBeOrdered, IReadOnlyList<PriceOption> CostOptions);

public sealed record BudgetListItem(Guid Id, string LocalAuthority, string? HolderEmail, string HolderType, string EhcPlanReference,
    DateOnly PeriodStart, DateOnly PeriodEnd, long AllocatedPence, long AvailablePence, long CommittedPence, long SpentPence,
    IReadOnlyList<ComponentBalance> Components);

public sealed record ComponentBalance(string Component, string DeliveryMode, long? ApprovalThresholdPence, long AllocatedPence, long AvailablePence,
    long CommittedPence, long SpentPence);

public sealed record BudgetDetails(Guid Id, string LocalAuthority, string HolderType, string? HolderEmail, string EhcPlanReference, DateOnly PeriodStart,
    DateOnly PeriodEnd, IReadOnlyList<ComponentBalance> Components);

public sealed record StatementLine(DateTimeOffset At, string Component, string Kind, long AmountPence, Guid? OrderId, string? OfferName, string Reason,
    long AvailableChangePence, long AvailableAfterPence);

public sealed record BudgetStatement(Guid BudgetId, string EhcPlanReference, DateOnly PeriodStart, DateOnly PeriodEnd,
    IReadOnlyList<ComponentBalance> Components, IReadOnlyList<StatementLine> Lines);

public sealed record OrderItem(Guid Id, string BuyerRole, Guid OfferId, Guid ProviderId, string OfferName, string CostOptionLabel, int Quantity, long AmountPence,
    string Funding, Guid? BudgetId, string? Component, string? DeliveryMode, string? PurchaseOrderNumber, string? LocalAuthority, string ForReference,
    string Status, string? Reason, bool ProviderSuspended, DateTimeOffset PlacedAt, DateTimeOffset UpdatedAt);

public sealed record InvoiceLine(string Description, int Quantity, long UnitPricePence, long AmountPence);

public sealed record InvoiceItem(Guid Id, Guid OrderId, Guid ProviderId, string InvoiceNumber, string OfferName, string Funding, string? PurchaseOrderNumber,
    string VatStatus, string? VatRegistrationNumber, IReadOnlyList<InvoiceLine> Lines, long TotalPence, long VatPence, long OrderAmountPence,
    DateOnly IssuedOn, DateOnly DueOn, DateOnly? PaidOn, string? PaymentReference, string Status);

public sealed record SchoolAccount(string Urn, string LocalAuthority, string Name, long? AnnualCapPence, DateOnly YearStart, long CommittedPence,
    long SpentPence, long? RemainingPence, IReadOnlyList<string> StaffEmails);

public sealed record PurchasingResult<T>(HttpStatusCode Status, T? Value, Problem? Problem)
{
    public bool Succeeded => (int)Status is >= 200 and < 300;
}

/// <summary>Purchasing's API, called with the signed-in user's token: purchasing checks who may do what.</summary>
public sealed class PurchasingClient(HttpClient http)
{
    public Task<PurchasingResult<SellableOffer>> OfferAsync(Guid offerId, string token, CancellationToken ct) =>
        SendAsync<SellableOffer>(HttpMethod.Get, $"/api/purchasing/offers/{offerId}", null, token, ct);

    public Task<PurchasingResult<IReadOnlyList<BudgetListItem>>> BudgetsAsync(string token, CancellationToken ct) =>
        SendAsync<IReadOnlyList<BudgetListItem>>(HttpMethod.Get, "/api/purchasing/budgets", null, token, ct);

    public Task<PurchasingResult<BudgetStatement>> StatementAsync(Guid budgetId, string token, CancellationToken ct) =>
        SendAsync<BudgetStatement>(HttpMethod.Get, $"/api/purchasing/budgets/{budgetId}/statement", null, token, ct);

    public async Task<PurchasingResult<DownloadedFile>> StatementCsvAsync(Guid budgetId, string token, CancellationToken ct)
    {
        using var request = Request(HttpMethod.Get, $"/api/purchasing/budgets/{budgetId}/statement?format=csv", null, token, null);
        using var response = await BackendCall.SendAsync(http, Backends.Purchasing, request, ct);
        if (!response.IsSuccessStatusCode)
        {
            return new(response.StatusCode, null, await BackendCall.ReadProblemAsync(response, ct));
        }

        return new(response.StatusCode, new DownloadedFile(await response.Content.ReadAsByteArrayAsync(ct), "text/csv", $"budget-statement-{budgetId}.csv"), null);
    }

    public Task<PurchasingResult<BudgetDetails>> AllocateAsync(object request, string idempotencyKey, string token, CancellationToken ct) =>
        SendAsync<BudgetDetails>(HttpMethod.Post, "/api/purchasing/budgets", request, token, ct, idempotencyKey);

    public Task<PurchasingResult<BudgetDetails>> AdjustAsync(Guid budgetId, string component, long amountPence, string reason, string idempotencyKey, string token, CancellationToken ct) =>
        SendAsync<BudgetDetails>(HttpMethod.Post, $"/api/purchasing/budgets/{budgetId}/adjustments", new { component, amountPence, reason }, token, ct, idempotencyKey);

    public Task<PurchasingResult<OrderItem>> PlaceOrderAsync(object order, string idempotencyKey, string token, CancellationToken ct) =>
        SendAsync<OrderItem>(HttpMethod.Post, "/api/purchasing/orders", order, token, ct, idempotencyKey);

    public Task<PurchasingResult<IReadOnlyList<OrderItem>>> OrdersAsync(string? status, string token, CancellationToken ct) =>
        SendAsync<IReadOnlyList<OrderItem>>(HttpMethod.Get, status is null ? "/api/purchasing/orders" : $"/api/purchasing/orders?status={Uri.EscapeDataString(status)}", null, token, ct);

    public Task<PurchasingResult<OrderItem>> OrderAsync(Guid orderId, string token, CancellationToken ct) =>
        SendAsync<OrderItem>(HttpMethod.Get, $"/api/purchasing/orders/{orderId}", null, token, ct);

    /// <summary>Moves an order on: <paramref name="step"/> is approval, refusal, acceptance, decline, delivery or cancellation.</summary>
    public Task<PurchasingResult<OrderItem>> StepAsync(Guid orderId, string step, string? reason, string? reasonCode, string token, CancellationToken ct) =>
        SendAsync<OrderItem>(HttpMethod.Post, $"/api/purchasing/orders/{orderId}/{step}", new { reason, reasonCode }, token, ct);

    public Task<PurchasingResult<InvoiceItem>> IssueInvoiceAsync(Guid orderId, object invoice, string token, CancellationToken ct) =>
        SendAsync<InvoiceItem>(HttpMethod.Post, $"/api/purchasing/orders/{orderId}/invoice", invoice, token, ct);

    public Task<PurchasingResult<InvoiceItem>> PayAsync(Guid orderId, string? paymentReference, string token, CancellationToken ct) =>
        SendAsync<InvoiceItem>(HttpMethod.Post, $"/api/purchasing/orders/{orderId}/payment", new { paymentReference }, token, ct);

    public Task<PurchasingResult<IReadOnlyList<InvoiceItem>>> InvoicesAsync(string token, CancellationToken ct) =>
        SendAsync<IReadOnlyList<InvoiceItem>>(HttpMethod.Get, "/api/purchasing/invoices", null, token, ct);

    public Task<PurchasingResult<SchoolAccount>> SchoolAsync(string urn, string token, CancellationToken ct) =>
        SendAsync<SchoolAccount>(HttpMethod.Get, $"/api/purchasing/schools/{Uri.EscapeDataString(urn)}", null, token, ct);

    public Task<PurchasingResult<SchoolAccount>> SetUpSchoolAsync(string urn, object request, string token, CancellationToken ct) =>
        SendAsync<SchoolAccount>(HttpMethod.Put, $"/api/purchasing/schools/{Uri.EscapeDataString(urn)}", request, token, ct);

    private HttpRequestMessage Request(HttpMethod method, string path, object? body, string token, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Backends.Json);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        return request;
    }

    private async Task<PurchasingResult<T>> SendAsync<T>(HttpMethod method, string path, object? body, string token, CancellationToken ct, string? idempotencyKey = null)
    {
        using var request = Request(method, path, body, token, idempotencyKey);
        using var response = await BackendCall.SendAsync(http, Backends.Purchasing, request, ct);
        if (!response.IsSuccessStatusCode)
        {
            return new(response.StatusCode, default, await BackendCall.ReadProblemAsync(response, ct));
        }

        return new(response.StatusCode, await BackendCall.ReadAsync<T>(response, Backends.Purchasing, ct), null);
    }
}
