using Dapper;
using Npgsql;

namespace Marketplace.Purchasing.Features.Orders;

/// <summary>
/// Moves an order's money in the caller's transaction. Commitment is taken when the order is placed (conditionally:
/// <see cref="OrderPlacement"/> for budgets, <see cref="Schools.SchoolAccounts"/> for school accounts); here, release
/// (committed back to available) and spend (committed to spent, when the order is invoiced) never raise what is in use,
/// so they need no condition. A budget order also appends to the budget's append-only ledger.
/// </summary>
internal static class Ledger
{
    public static Task AppendAsync(NpgsqlTransaction transaction, OrderRow order, string kind, long amount, string reason, string actor, DateTimeOffset now, CancellationToken ct) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO budget_ledger (budget_id, component, kind, amount_pence, order_id, reason, actor, at)
            VALUES (@BudgetId, @Component, @kind, @amount, @Id, @reason, @actor, @now)
            """, new { order.BudgetId, order.Component, kind, amount, order.Id, reason, actor, now }, transaction, cancellationToken: ct));

    /// <summary>Gives the whole committed amount back (declined, refused or cancelled).</summary>
    public static Task ReleaseAsync(NpgsqlTransaction transaction, OrderRow order, string reason, string actor, DateTimeOffset now, CancellationToken ct) =>
        SettleAsync(transaction, order, spent: 0, spendReason: "", reason, actor, now, ct);

    /// <summary>
    /// The order was invoiced: <paramref name="spent"/> (the invoice's total, never more than the order's amount)
    /// moves from committed to spent, and whatever the invoice did not use is released.
    /// </summary>
    public static Task SpendAsync(NpgsqlTransaction transaction, OrderRow order, long spent, string reason, string actor, DateTimeOffset now, CancellationToken ct) =>
        SettleAsync(transaction, order, spent, reason, "Released: the invoice was for less than the order", actor, now, ct);

    private static async Task SettleAsync(NpgsqlTransaction transaction, OrderRow order, long spent, string spendReason, string releaseReason, string actor,
        DateTimeOffset now, CancellationToken ct)
    {
        if (spent < 0 || spent > order.AmountPence)
        {
            throw new InvalidOperationException($"Order {order.Id} cannot spend {spent} of {order.AmountPence} pence.");
        }

        var released = order.AmountPence - spent;
        var connection = transaction.Connection!;
        if (order.BudgetId is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE budget_components SET committed_pence = committed_pence - @AmountPence, spent_pence = spent_pence + @spent,
                    available_pence = available_pence + @released
                WHERE budget_id = @BudgetId AND component = @Component
                """, new { order.AmountPence, spent, released, order.BudgetId, order.Component }, transaction, cancellationToken: ct));
            if (spent > 0)
            {
                await AppendAsync(transaction, order, "spend", spent, spendReason, actor, now, ct);
            }

            if (released > 0)
            {
                await AppendAsync(transaction, order, "release", released, releaseReason, actor, now, ct);
            }
        }
        else if (order.SchoolYearStart is not null)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE school_account_years SET committed_pence = committed_pence - @AmountPence, spent_pence = spent_pence + @spent
                WHERE urn = @BuyerOrganisation AND year_start = @SchoolYearStart
                """, new { order.AmountPence, spent, order.BuyerOrganisation, order.SchoolYearStart }, transaction, cancellationToken: ct));
        }
    }
}
