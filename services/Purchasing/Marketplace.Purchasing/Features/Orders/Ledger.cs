using Dapper;
using Npgsql;

namespace Marketplace.Purchasing.Features.Orders;

/// <summary>
/// Appends to the budget ledger and moves the component's balance with it, in the caller's transaction. Commitment is
/// taken in <see cref="OrderPlacement"/> (conditionally); here, release (committed back to available) and spend
/// (committed to spent) never touch the available balance's floor.
/// </summary>
internal static class Ledger
{
    public static Task AppendAsync(NpgsqlTransaction transaction, OrderRow order, string kind, string reason, string actor, DateTimeOffset now, CancellationToken ct) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO budget_ledger (budget_id, component, kind, amount_pence, order_id, reason, actor, at)
            VALUES (@BudgetId, @Component, @kind, @AmountPence, @Id, @reason, @actor, @now)
            """, new { order.BudgetId, order.Component, kind, order.AmountPence, order.Id, reason, actor, now }, transaction, cancellationToken: ct));

    public static async Task ReleaseAsync(NpgsqlTransaction transaction, OrderRow order, string reason, string actor, DateTimeOffset now, CancellationToken ct)
    {
        if (order.BudgetId is null)
        {
            return;
        }

        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE budget_components SET available_pence = available_pence + @AmountPence, committed_pence = committed_pence - @AmountPence
            WHERE budget_id = @BudgetId AND component = @Component
            """, order, transaction, cancellationToken: ct));
        await AppendAsync(transaction, order, "release", reason, actor, now, ct);
    }

    public static async Task SpendAsync(NpgsqlTransaction transaction, OrderRow order, string reason, string actor, DateTimeOffset now, CancellationToken ct)
    {
        if (order.BudgetId is null)
        {
            return;
        }

        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            UPDATE budget_components SET committed_pence = committed_pence - @AmountPence, spent_pence = spent_pence + @AmountPence
            WHERE budget_id = @BudgetId AND component = @Component
            """, order, transaction, cancellationToken: ct));
        await AppendAsync(transaction, order, "spend", reason, actor, now, ct);
    }
}
