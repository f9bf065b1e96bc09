using Dapper;
using MassTransit;
using Marketplace.Commissioning.Features.Demand;
using Marketplace.Contracts.Purchasing;
using Marketplace.ServiceDefaults.Messaging;
using Npgsql;

namespace Marketplace.Commissioning.Consumers;

/// <summary>
/// Counts orders and each step they take: placed, approved, refused, accepted (with the wait since placing),
/// declined (for capacity or not), cancelled, delivered and invoiced (with the invoice's total, which is what was
/// spent: ADR 0010; delivery moves no money). An order takes the needs, ages,
/// provision area and service type of its offer as commissioning knew it when the order was placed. Each step
/// counts once: the inbox drops a redelivered message and a step already recorded adds nothing.
/// </summary>
public sealed class CountOrdersConsumer(NpgsqlDataSource dataSource) :
    IConsumer<OrderPlaced>, IConsumer<OrderApproved>, IConsumer<OrderRefused>, IConsumer<OrderAccepted>,
    IConsumer<OrderDeclined>, IConsumer<OrderCancelled>, IConsumer<OrderDelivered>, IConsumer<InvoiceIssued>
{
    public Task Consume(ConsumeContext<OrderPlaced> context) =>
        Handle(context, t => PlacedAsync(t, context.Message, context.CancellationToken));

    public Task Consume(ConsumeContext<OrderApproved> context) =>
        Handle(context, t => StepAsync(t, context.Message.OrderId, "approved", context.Message.ApprovedAt, context.CancellationToken));

    public Task Consume(ConsumeContext<OrderRefused> context) =>
        Handle(context, t => StepAsync(t, context.Message.OrderId, "refused", context.Message.RefusedAt, context.CancellationToken));

    public Task Consume(ConsumeContext<OrderAccepted> context) =>
        Handle(context, t => StepAsync(t, context.Message.OrderId, "accepted", context.Message.AcceptedAt, context.CancellationToken));

    public Task Consume(ConsumeContext<OrderDeclined> context) =>
        Handle(context, t => StepAsync(t, context.Message.OrderId, "declined", context.Message.DeclinedAt, context.CancellationToken,
            forCapacity: context.Message.ReasonCode == "no-capacity"));

    public Task Consume(ConsumeContext<OrderCancelled> context) =>
        Handle(context, t => StepAsync(t, context.Message.OrderId, "cancelled", context.Message.CancelledAt, context.CancellationToken));

    public Task Consume(ConsumeContext<OrderDelivered> context) =>
        Handle(context, t => StepAsync(t, context.Message.OrderId, "delivered", context.Message.DeliveredAt, context.CancellationToken));

    public Task Consume(ConsumeContext<InvoiceIssued> context) =>
        Handle(context, t => StepAsync(t, context.Message.OrderId, "invoiced", context.Message.IssuedAt, context.CancellationToken,
            spentPence: context.Message.TotalPence));

    private Task Handle<T>(ConsumeContext<T> context, Func<NpgsqlTransaction, Task> apply) where T : class =>
        Inbox.HandleOnceAsync(dataSource, context, nameof(CountOrdersConsumer), apply);

    public static async Task<bool> PlacedAsync(NpgsqlTransaction transaction, OrderPlaced m, CancellationToken ct)
    {
        var connection = transaction.Connection!;
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO orders (order_id, offer_id, la, needs, min_age, max_age, provision_area, service_type, amount_pence, placed_at)
            SELECT @OrderId, o.offer_id, @La, o.needs, o.min_age, o.max_age, o.provision_area, coalesce(o.service_type, @ServiceType), @AmountPence, @PlacedAt
            FROM offers o WHERE o.offer_id = @OfferId AND o.name IS NOT NULL
            ON CONFLICT (order_id) DO NOTHING
            """, new { m.OrderId, m.OfferId, La = m.LocalAuthority ?? "", m.ServiceType, m.AmountPence, m.PlacedAt }, transaction, cancellationToken: ct));
        if (inserted == 0)
        {
            var known = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM orders WHERE order_id = @OrderId)", new { m.OrderId }, transaction, cancellationToken: ct));
            return known ? false : throw new FactNotYetKnownException($"Order {m.OrderId} is for offer {m.OfferId}, not published here yet.");
        }

        await Rollups.AddOrderEventAsync(transaction, m.OrderId, "placed", ct);
        return true;
    }

    /// <summary>Records a step's time once (columns named <c>{step}_at</c>) and adds what it counts.</summary>
    public static async Task<bool> StepAsync(NpgsqlTransaction transaction, Guid orderId, string step, DateTimeOffset at, CancellationToken ct,
        bool? forCapacity = null, long? spentPence = null)
    {
        var column = step switch
        {
            "approved" or "refused" or "accepted" or "declined" or "cancelled" or "delivered" or "invoiced" => $"{step}_at",
            _ => throw new ArgumentOutOfRangeException(nameof(step), step, "not an order step"),
        };
        // Only a decline says whether it was for capacity, and only an invoice what was spent.
        var also = step switch
        {
            "declined" => ", declined_for_capacity = @forCapacity",
            "invoiced" => ", invoiced_pence = @spentPence",
            _ => "",
        };
        var connection = transaction.Connection!;
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            $"UPDATE orders SET {column} = @at{also} WHERE order_id = @orderId AND {column} IS NULL",
            new { orderId, at, forCapacity = forCapacity ?? false, spentPence = spentPence ?? 0 }, transaction, cancellationToken: ct));
        if (updated == 0)
        {
            var known = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM orders WHERE order_id = @orderId)", new { orderId }, transaction, cancellationToken: ct));
            return known ? false : throw new FactNotYetKnownException($"Order {orderId} was {step} before commissioning counted it placed.");
        }

        await Rollups.AddOrderEventAsync(transaction, orderId, step, ct);
        return true;
    }
}
