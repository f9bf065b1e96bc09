using Dapper;
using Marketplace.Contracts.Purchasing;
using Marketplace.Purchasing.Features.Shared;
using Marketplace.ServiceDefaults.Messaging;
using Npgsql;

namespace Marketplace.Purchasing.Features.Orders;

/// <summary>The steps of an order after it is placed.</summary>
public enum OrderStep
{
    /// <summary>An LA officer approves a purchase at or above the threshold.</summary>
    Approve,
    /// <summary>An LA officer refuses it (with a reason); the money is released.</summary>
    Refuse,
    /// <summary>The provider takes the order.</summary>
    Accept,
    /// <summary>The provider declines it (with a reason); the money is released.</summary>
    Decline,
    /// <summary>The buyer cancels before delivery; the money is released.</summary>
    Cancel,
    /// <summary>The provider records delivery; the money stays committed until the order is invoiced.</summary>
    Deliver,
}

/// <summary>
/// Moves an order on, under a row lock, releasing exactly its amount where the step gives money back, and publishing its
/// event in the same transaction (money is spent only when the order is invoiced: <see cref="Invoices.InvoiceIssuing"/>). Repeating a step that already happened answers with the order and changes nothing.
/// </summary>
public static class OrderTransitions
{
    private static readonly Dictionary<OrderStep, (string[] From, string To, string Verb)> Steps = new()
    {
        [OrderStep.Approve] = (["awaiting-approval"], "placed", "approved"),
        [OrderStep.Refuse] = (["awaiting-approval"], "refused", "refused"),
        [OrderStep.Accept] = (["placed"], "accepted", "accepted"),
        [OrderStep.Decline] = (["placed"], "declined", "declined"),
        [OrderStep.Cancel] = (["awaiting-approval", "placed", "accepted"], "cancelled", "cancelled"),
        [OrderStep.Deliver] = (["accepted"], "delivered", "marked as delivered"),
    };

    public static async Task<Answer> MoveAsync(NpgsqlDataSource db, Caller caller, Guid orderId, OrderStep step, string? reason, string? reasonCode, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var order = await connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition(
            "SELECT * FROM orders WHERE id = @orderId FOR UPDATE", new { orderId }, transaction, cancellationToken: ct));
        if (order is null || !MayTake(caller, order, step))
        {
            return Answer.NotFound("The order");
        }

        var (from, to, verb) = Steps[step];
        if (order.Status == to && (step != OrderStep.Approve || order.ApprovedAt is not null))
        {
            return Answer.Ok(order);
        }

        if (!from.Contains(order.Status))
        {
            return Answer.Problem(StatusCodes.Status409Conflict, "order-state", $"This order cannot be {verb} now",
                $"This order is {order.Status.Replace('-', ' ')}; it can be {verb} only when it is {string.Join(" or ", from.Select(f => f.Replace('-', ' ')))}.");
        }

        if (step == OrderStep.Accept && order.ProviderSuspended)
        {
            return Answer.Problem(StatusCodes.Status409Conflict, "provider-suspended", "A suspended provider cannot accept orders",
                "Your organisation is suspended by the local authority; orders can be accepted again once it is reinstated.");
        }

        reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        var actor = caller.UserId;
        order.Status = to;
        order.UpdatedAt = now;
        switch (step)
        {
            case OrderStep.Approve:
                order.ApprovedAt = now;
                await AuditAsync(transaction, caller, order, "approved", reason ?? "Approved", now, ct);
                await Outbox.EnqueueAsync(transaction, new OrderApproved(order.Id, order.ProviderId, order.LocalAuthority, order.AmountPence, now), ct);
                break;
            case OrderStep.Refuse:
                order.Reason = reason;
                await Ledger.ReleaseAsync(transaction, order, $"Released: the local authority refused the purchase ({reason})", actor, now, ct);
                await AuditAsync(transaction, caller, order, "refused", reason!, now, ct);
                await Outbox.EnqueueAsync(transaction, new OrderRefused(order.Id, order.ProviderId, order.LocalAuthority, order.AmountPence, reason!, now), ct);
                break;
            case OrderStep.Accept:
                await Outbox.EnqueueAsync(transaction, new OrderAccepted(order.Id, order.OfferId, order.ProviderId, order.LocalAuthority, order.PlacedAt, now), ct);
                break;
            case OrderStep.Decline:
                order.Reason = reason;
                await Ledger.ReleaseAsync(transaction, order, $"Released: the provider declined the order ({reason})", actor, now, ct);
                await Outbox.EnqueueAsync(transaction, new OrderDeclined(order.Id, order.OfferId, order.ProviderId, order.LocalAuthority,
                    reasonCode ?? "other", reason!, now), ct);
                break;
            case OrderStep.Cancel:
                order.Reason = reason ?? "Cancelled by the buyer";
                await Ledger.ReleaseAsync(transaction, order, "Released: the order was cancelled", actor, now, ct);
                await Outbox.EnqueueAsync(transaction, new OrderCancelled(order.Id, order.ProviderId, order.LocalAuthority, order.AmountPence, order.Reason, now), ct);
                break;
            case OrderStep.Deliver:
                // The money stays committed until the provider invoices it (InvoiceIssuing spends it).
                order.DeliveredAt = now;
                await Outbox.EnqueueAsync(transaction, new OrderDelivered(order.Id, order.OfferId, order.ProviderId, order.LocalAuthority, order.Funding,
                    order.AmountPence, now), ct);
                break;
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE orders SET status = @Status, reason = @Reason, approved_at = @ApprovedAt, delivered_at = @DeliveredAt, updated_at = @UpdatedAt WHERE id = @Id", order, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return Answer.Ok(order);
    }

    /// <summary>The provider moves its own orders; the buyer cancels its own; an officer of the budget's LA approves or refuses.</summary>
    private static bool MayTake(Caller caller, OrderRow order, OrderStep step) => step switch
    {
        OrderStep.Approve or OrderStep.Refuse => caller.IsOfficerOf(order.LocalAuthority) && order.Funding == "budget",
        OrderStep.Accept or OrderStep.Decline or OrderStep.Deliver => caller.ActsForProvider(order.ProviderId),
        OrderStep.Cancel => OrderAccess.IsBuyer(caller, order),
        _ => false,
    };

    private static Task AuditAsync(NpgsqlTransaction transaction, Caller caller, OrderRow order, string action, string reason, DateTimeOffset now, CancellationToken ct) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit_trail (at, actor_id, actor_role, order_id, budget_id, action, reason)
            VALUES (@now, @UserId, @Role, @orderId, @budgetId, @action, @reason)
            """, new { now, caller.UserId, caller.Role, orderId = order.Id, budgetId = order.BudgetId, action, reason }, transaction, cancellationToken: ct));
}
