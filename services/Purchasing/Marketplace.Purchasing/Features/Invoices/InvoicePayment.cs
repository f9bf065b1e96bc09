using Dapper;
using Marketplace.Contracts.Purchasing;
using Marketplace.Purchasing.Features.Orders;
using Marketplace.Purchasing.Features.Shared;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Messaging;
using Npgsql;

namespace Marketplace.Purchasing.Features.Invoices;

/// <summary>The payer's record that an invoice was paid: the day (today if left out) and their own payment reference.</summary>
public sealed record RecordPaymentRequest(DateOnly? PaidOn, string? PaymentReference);

/// <summary>
/// Marks an invoiced order paid, under the order's row lock, and publishes <see cref="InvoicePaid"/>. Moves no money in the
/// ledger: the invoice's total was spent when it was issued. Recording the same payment again changes nothing.
/// </summary>
public static class InvoicePayment
{
    public static ValidationErrors Validate(RecordPaymentRequest? r, DateOnly today)
    {
        var errors = new ValidationErrors();
        errors.Require(r?.PaidOn is null || (r.PaidOn <= today && r.PaidOn >= today.AddYears(-1)), "paidOn", "The payment date is today or in the last year.");
        errors.Require(r?.PaymentReference is null || r.PaymentReference.Length <= 100, "paymentReference", "A payment reference is at most 100 characters.");
        return errors;
    }

    public static async Task<Answer> RecordAsync(NpgsqlDataSource db, Caller caller, Guid orderId, RecordPaymentRequest? r, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var order = await connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition(
            "SELECT * FROM orders WHERE id = @orderId FOR UPDATE", new { orderId }, transaction, cancellationToken: ct));
        if (order is null || !OrderAccess.MayRead(caller, order))
        {
            return Answer.NotFound("The order");
        }

        if (!OrderAccess.MayPay(caller, order))
        {
            return Answer.Problem(StatusCodes.Status403Forbidden, "not-the-payer", "You do not pay this invoice",
                order.Funding == "school-account" ? "The school that placed the order pays its invoice."
                : order.DeliveryMode == "direct-payment" ? "The budget holder pays invoices for a direct payment."
                : "The local authority pays invoices for an organised or third-party arrangement.");
        }

        var invoice = await InvoiceView.OfOrderAsync(connection, transaction, orderId, ct);
        if (order.Status == "paid" && invoice is not null)
        {
            return Answer.Ok(invoice);
        }

        if (order.Status != "invoiced" || invoice is null)
        {
            return Answer.Problem(StatusCodes.Status409Conflict, "order-state", "There is no invoice to pay yet",
                $"This order is {order.Status.Replace('-', ' ')}; it can be paid once the provider has invoiced it.");
        }

        var paidOn = r?.PaidOn ?? DateOnly.FromDateTime(now.UtcDateTime);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE invoices SET paid_on = @paidOn, payment_reference = @reference, paid_by = @UserId, paid_at = @now WHERE order_id = @orderId;
            UPDATE orders SET status = 'paid', updated_at = @now WHERE id = @orderId;
            """, new { paidOn, reference = string.IsNullOrWhiteSpace(r?.PaymentReference) ? null : r.PaymentReference.Trim(), caller.UserId, now, orderId },
            transaction, cancellationToken: ct));
        await Outbox.EnqueueAsync(transaction, new InvoicePaid(invoice.Id, order.Id, order.ProviderId, order.LocalAuthority, order.Funding, invoice.TotalPence,
            paidOn, now), ct);
        var view = await InvoiceView.OfOrderAsync(connection, transaction, orderId, ct) ?? throw new InvalidOperationException();
        await transaction.CommitAsync(ct);
        return Answer.Ok(view);
    }
}
