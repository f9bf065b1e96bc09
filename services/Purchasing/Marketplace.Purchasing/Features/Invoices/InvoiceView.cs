using System.Text.Json;
using Dapper;
using Marketplace.Purchasing.Features.Shared;
using Npgsql;

namespace Marketplace.Purchasing.Features.Invoices;

public sealed record InvoiceLine(string Description, int Quantity, long UnitPricePence, long AmountPence);

public sealed class InvoiceRow
{
    public Guid Id { get; set; }
    public Guid OrderId { get; set; }
    public Guid ProviderId { get; set; }
    public string InvoiceNumber { get; set; } = "";
    public string VatStatus { get; set; } = "";
    public string? VatRegistrationNumber { get; set; }
    public string Lines { get; set; } = "[]";
    public long TotalPence { get; set; }
    public long VatPence { get; set; }
    public DateOnly IssuedOn { get; set; }
    public DateOnly DueOn { get; set; }
    public string IssuedBy { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public DateOnly? PaidOn { get; set; }
    public string? PaymentReference { get; set; }
    public DateTimeOffset? PaidAt { get; set; }

    // From the order, for lists.
    public string OfferName { get; set; } = "";
    public string Funding { get; set; } = "";
    public string? PurchaseOrderNumber { get; set; }
    public string? LocalAuthority { get; set; }
    public long OrderAmountPence { get; set; }
}

/// <summary>An invoice as its provider, its buyer and the LA's officers read it.</summary>
public sealed record InvoiceView(
    Guid Id,
    Guid OrderId,
    Guid ProviderId,
    string InvoiceNumber,
    string OfferName,
    string Funding,
    string? PurchaseOrderNumber,
    string VatStatus,
    string? VatRegistrationNumber,
    IReadOnlyList<InvoiceLine> Lines,
    long TotalPence,
    long VatPence,
    long OrderAmountPence,
    DateOnly IssuedOn,
    DateOnly DueOn,
    DateOnly? PaidOn,
    string? PaymentReference,
    string Status)
{
    internal const string Select =
        """
        SELECT i.id, i.order_id, i.provider_id, i.invoice_number, i.vat_status, i.vat_registration_number, i.lines::text AS lines, i.total_pence,
               i.vat_pence, i.issued_on, i.due_on, i.issued_by, i.issued_at, i.paid_on, i.payment_reference, i.paid_at,
               o.offer_name, o.funding, o.purchase_order_number, o.local_authority, o.amount_pence AS order_amount_pence
        FROM invoices i JOIN orders o ON o.id = i.order_id
        """;

    internal static InvoiceView From(InvoiceRow r) => new(r.Id, r.OrderId, r.ProviderId, r.InvoiceNumber, r.OfferName, r.Funding, r.PurchaseOrderNumber,
        r.VatStatus, r.VatRegistrationNumber, JsonSerializer.Deserialize<List<InvoiceLine>>(r.Lines, Answer.JsonOptions) ?? [], r.TotalPence, r.VatPence,
        r.OrderAmountPence, r.IssuedOn, r.DueOn, r.PaidOn, r.PaymentReference, r.PaidOn is null ? "unpaid" : "paid");

    internal static async Task<InvoiceView?> OfOrderAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid orderId, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<InvoiceRow>(new CommandDefinition(
            Select + " WHERE i.order_id = @orderId", new { orderId }, transaction, cancellationToken: ct));
        return row is null ? null : From(row);
    }
}
