using System.Text.Json;
using System.Text.RegularExpressions;
using Dapper;
using Marketplace.Contracts.Purchasing;
using Marketplace.Purchasing.Features.Orders;
using Marketplace.Purchasing.Features.Shared;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Messaging;
using Npgsql;

namespace Marketplace.Purchasing.Features.Invoices;

/// <summary>One line of an invoice: what was delivered, how many, and the price of one in pence (VAT included when charged).</summary>
public sealed record InvoiceLineRequest(string? Description, int? Quantity, long? UnitPricePence);

/// <summary>
/// The provider's invoice for a delivered order. <paramref name="IssuedOn"/> defaults to today.
/// <paramref name="VatStatus"/> is <c>standard-rated</c> (20% VAT included in the prices), <c>zero-rated</c>,
/// <c>exempt</c> or <c>not-registered</c>; a VAT-registered provider gives its VAT registration number.
/// </summary>
public sealed record IssueInvoiceRequest(
    string? InvoiceNumber,
    IReadOnlyList<InvoiceLineRequest>? Lines,
    string? VatStatus,
    string? VatRegistrationNumber,
    DateOnly? IssuedOn,
    DateOnly? DueOn);

/// <summary>
/// Issues the invoice for a delivered order, under the order's row lock: the invoice's total (never more than the
/// order's amount) moves from committed to spent, the rest is released, the order becomes <c>invoiced</c>, and
/// <see cref="InvoiceIssued"/> goes to the outbox, all in one transaction. Sending the same invoice again answers
/// with it and changes nothing; the invoice number is unique per provider.
/// </summary>
public static partial class InvoiceIssuing
{
    public static readonly string[] VatStatuses = ["standard-rated", "zero-rated", "exempt", "not-registered"];
    public const int MaxLines = 50;
    public const int MaxDaysToPay = 120;

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9/_.-]{0,49}$")]
    private static partial Regex InvoiceNumberPattern();

    [GeneratedRegex("^(GB)?[0-9]{9}([0-9]{3})?$")]
    private static partial Regex VatNumberPattern();

    public static ValidationErrors Validate(IssueInvoiceRequest r, DateOnly today)
    {
        var errors = new ValidationErrors();
        errors.Require(r.InvoiceNumber is not null && InvoiceNumberPattern().IsMatch(r.InvoiceNumber), "invoiceNumber",
            "Enter your invoice number: up to 50 letters, digits, slashes, dots, dashes or underscores, starting with a letter or digit.");
        var lines = r.Lines ?? [];
        errors.Require(lines.Count is > 0 and <= MaxLines, "lines", $"Give between 1 and {MaxLines} lines.");
        for (var i = 0; i < lines.Count; i++)
        {
            errors.Require(!string.IsNullOrWhiteSpace(lines[i].Description) && lines[i].Description!.Length <= 200, $"lines[{i}].description",
                "Say what was delivered (up to 200 characters, no health details).");
            errors.Require(lines[i].Quantity is > 0 and <= 10_000, $"lines[{i}].quantity", "Enter a quantity from 1 to 10,000.");
            errors.Require(lines[i].UnitPricePence is >= 0 and <= 100_000_000, $"lines[{i}].unitPricePence", "Enter the price of one in pence, zero or more.");
        }

        errors.Require(r.VatStatus is not null && VatStatuses.Contains(r.VatStatus), "vatStatus",
            "Say how VAT applies: standard-rated, zero-rated, exempt or not-registered.");
        if (r.VatStatus is "standard-rated" or "zero-rated")
        {
            errors.Require(r.VatRegistrationNumber is not null && VatNumberPattern().IsMatch(r.VatRegistrationNumber.Replace(" ", "")), "vatRegistrationNumber",
                "Enter your VAT registration number, like GB123456789.");
        }

        var issued = r.IssuedOn ?? today;
        errors.Require(issued <= today && issued >= today.AddDays(-MaxDaysToPay), "issuedOn", "The invoice date is today or in the last 120 days.");
        errors.Require(r.DueOn is { } due && due >= issued && due <= issued.AddDays(MaxDaysToPay), "dueOn",
            $"Enter the date payment is due: on or after the invoice date, and within {MaxDaysToPay} days of it.");
        return errors;
    }

    /// <summary>Total in pence of all lines.</summary>
    public static long Total(IssueInvoiceRequest r) => r.Lines!.Sum(l => checked(l.Quantity!.Value * l.UnitPricePence!.Value));

    /// <summary>The VAT inside a standard-rated total (20% of the price before VAT is one sixth of the total), rounded down.</summary>
    public static long Vat(string vatStatus, long total) => vatStatus == "standard-rated" ? total / 6 : 0;

    public static async Task<Answer> IssueAsync(NpgsqlDataSource db, Caller caller, Guid orderId, IssueInvoiceRequest r, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var order = await connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition(
            "SELECT * FROM orders WHERE id = @orderId FOR UPDATE", new { orderId }, transaction, cancellationToken: ct));
        if (order is null || !caller.ActsForProvider(order.ProviderId))
        {
            return Answer.NotFound("The order");
        }

        var number = r.InvoiceNumber!.Trim();
        var existing = await InvoiceView.OfOrderAsync(connection, transaction, orderId, ct);
        if (existing is not null)
        {
            return existing.InvoiceNumber == number
                ? Answer.Ok(existing)
                : Answer.Problem(StatusCodes.Status409Conflict, "already-invoiced", "This order has already been invoiced",
                    $"You invoiced this order as {existing.InvoiceNumber}. An order has one invoice.");
        }

        if (order.Status != "delivered")
        {
            return Answer.Problem(StatusCodes.Status409Conflict, "order-state", "This order cannot be invoiced yet",
                $"This order is {order.Status.Replace('-', ' ')}; invoice it after you have marked it delivered.");
        }

        var total = Total(r);
        if (total > order.AmountPence)
        {
            return Answer.Problem(StatusCodes.Status409Conflict, "invoice-exceeds-order", "The invoice is for more than the order",
                $"This invoice totals {OrderPlacement.Money(total)} but the order was for {OrderPlacement.Money(order.AmountPence)}, the price the buyer agreed. "
                + "Invoice no more than the order.");
        }

        var numberUsed = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM invoices WHERE provider_id = @ProviderId AND invoice_number = @number)",
            new { order.ProviderId, number }, transaction, cancellationToken: ct));
        if (numberUsed)
        {
            return Answer.Problem(StatusCodes.Status409Conflict, "invoice-number-used", "You have used this invoice number before",
                $"Invoice number {number} is already on another of your invoices. Give each invoice its own number.");
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var lines = r.Lines!.Select(l => new InvoiceLine(l.Description!.Trim(), l.Quantity!.Value, l.UnitPricePence!.Value, l.Quantity.Value * l.UnitPricePence.Value)).ToList();
        var invoice = new InvoiceRow
        {
            Id = Guid.CreateVersion7(), OrderId = order.Id, ProviderId = order.ProviderId, InvoiceNumber = number, VatStatus = r.VatStatus!,
            VatRegistrationNumber = r.VatStatus is "standard-rated" or "zero-rated" ? r.VatRegistrationNumber!.Replace(" ", "").ToUpperInvariant() : null,
            Lines = JsonSerializer.Serialize(lines, Answer.JsonOptions), TotalPence = total, VatPence = Vat(r.VatStatus!, total),
            IssuedOn = r.IssuedOn ?? today, DueOn = r.DueOn!.Value, IssuedBy = caller.UserId, IssuedAt = now,
        };
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO invoices (id, order_id, provider_id, invoice_number, vat_status, vat_registration_number, lines, total_pence, vat_pence,
                    issued_on, due_on, issued_by, issued_at)
                VALUES (@Id, @OrderId, @ProviderId, @InvoiceNumber, @VatStatus, @VatRegistrationNumber, @Lines::jsonb, @TotalPence, @VatPence,
                    @IssuedOn, @DueOn, @IssuedBy, @IssuedAt)
                """, invoice, transaction, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            // Another of the provider's invoices took the number at the same moment.
            return Answer.Problem(StatusCodes.Status409Conflict, "invoice-number-used", "You have used this invoice number before",
                $"Invoice number {number} is already on another of your invoices. Give each invoice its own number.");
        }

        await Ledger.SpendAsync(transaction, order, total, $"Spent: invoice {number} for {order.OfferName}", caller.UserId, now, ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE orders SET status = 'invoiced', updated_at = @now WHERE id = @orderId", new { orderId, now }, transaction, cancellationToken: ct));
        await Outbox.EnqueueAsync(transaction, new InvoiceIssued(invoice.Id, order.Id, order.OfferId, order.ProviderId, order.LocalAuthority, order.Funding,
            order.Component, number, invoice.VatStatus, total, invoice.VatPence, order.AmountPence - total, invoice.IssuedOn, invoice.DueOn, now), ct);
        var view = await InvoiceView.OfOrderAsync(connection, transaction, orderId, ct) ?? throw new InvalidOperationException();
        await transaction.CommitAsync(ct);
        return Answer.Created($"/api/purchasing/orders/{orderId}/invoice", view);
    }
}
