using Dapper;
using Npgsql;

namespace Marketplace.Commissioning.Features.Demand;

/// <summary>
/// Keeps the rollups (<c>demand_by_month</c>, <c>gap_by_month</c>, <c>waits_by_month</c>, <c>gap_waits_by_month</c>, <c>budgets_by_month</c>)
/// from commissioning's facts. The views <c>order_cells</c>, <c>search_cells</c> and <c>budget_cells</c> say what each
/// event adds; the incremental path adds one event's rows in the consumer's transaction, the rebuild adds every
/// event's rows to empty tables. Both run the same statements, so they give the same numbers.
/// </summary>
public static class Rollups
{
    private const string Counters =
        "searches, unmet_searches, orders_placed, orders_approved, orders_refused, orders_accepted, declined_for_capacity, declined_other, orders_cancelled, orders_delivered, orders_invoiced, spend_pence";

    private static readonly string Sums = string.Join(", ", Counters.Split(", ").Select(c => $"sum({c})"));
    private static readonly string Adds = string.Join(", ", Counters.Split(", ").Select(c => $"{c} = r.{c} + EXCLUDED.{c}"));

    private static string Demand(string source, string where) => $"""
        INSERT INTO demand_by_month AS r (la, need, age_band, provision_area, service_type, month, {Counters})
        SELECT la, need, age_band, provision_area, service_type, month, {Sums} FROM {source} WHERE {where}
        GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
        ON CONFLICT (la, need, age_band, provision_area, service_type, month) DO UPDATE SET {Adds}
        """;

    private static string Gap(string source, string where) => $"""
        INSERT INTO gap_by_month AS r (la, need, age_band, month, {Counters})
        SELECT la, need, age_band, month, {Sums} FROM {source} WHERE {where}
        GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4
        ON CONFLICT (la, need, age_band, month) DO UPDATE SET {Adds}
        """;

    private static string Waits(string where) => $"""
        INSERT INTO waits_by_month AS r (la, need, age_band, provision_area, service_type, month, wait_weeks, orders)
        SELECT la, need, age_band, provision_area, service_type, month, wait_weeks, count(*) FROM order_cells
        WHERE wait_weeks IS NOT NULL AND {where}
        GROUP BY 1, 2, 3, 4, 5, 6, 7 ORDER BY 1, 2, 3, 4, 5, 6, 7
        ON CONFLICT (la, need, age_band, provision_area, service_type, month, wait_weeks) DO UPDATE SET orders = r.orders + EXCLUDED.orders
        """;

    private static string GapWaits(string where) => $"""
        INSERT INTO gap_waits_by_month AS r (la, need, age_band, month, wait_weeks, orders)
        SELECT la, need, age_band, month, wait_weeks, count(*) FROM order_cells
        WHERE wait_weeks IS NOT NULL AND {where}
        GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
        ON CONFLICT (la, need, age_band, month, wait_weeks) DO UPDATE SET orders = r.orders + EXCLUDED.orders
        """;

    private static string Budgets(string where) => $"""
        INSERT INTO budgets_by_month AS r (la, month, budgets_allocated, allocated_pence, adjusted_pence)
        SELECT la, month, sum(budgets_allocated), sum(allocated_pence), sum(adjusted_pence) FROM budget_cells WHERE {where}
        GROUP BY 1, 2 ORDER BY 1, 2
        ON CONFLICT (la, month) DO UPDATE SET budgets_allocated = r.budgets_allocated + EXCLUDED.budgets_allocated,
            allocated_pence = r.allocated_pence + EXCLUDED.allocated_pence, adjusted_pence = r.adjusted_pence + EXCLUDED.adjusted_pence
        """;

    private const string OneOrderEvent = "order_id = @id AND kind = @kind";
    private const string OneSearch = "search_id = @id";
    private const string OneMovement = "movement_id = @id";
    private const string Everything = "true";

    /// <summary>Adds what one step of an order (placed, approved, refused, accepted, declined, cancelled, delivered, invoiced) counts.</summary>
    public static async Task AddOrderEventAsync(NpgsqlTransaction transaction, Guid orderId, string kind, CancellationToken ct)
    {
        var args = new { id = orderId, kind };
        var connection = transaction.Connection!;
        await connection.ExecuteAsync(new CommandDefinition(Demand("order_cells", OneOrderEvent), args, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(Gap("order_cells", OneOrderEvent), args, transaction, cancellationToken: ct));
        if (kind == "accepted")
        {
            await connection.ExecuteAsync(new CommandDefinition(Waits(OneOrderEvent), args, transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(GapWaits(OneOrderEvent), args, transaction, cancellationToken: ct));
        }
    }

    public static async Task AddSearchAsync(NpgsqlTransaction transaction, Guid searchId, CancellationToken ct)
    {
        var connection = transaction.Connection!;
        await connection.ExecuteAsync(new CommandDefinition(Demand("search_cells", OneSearch), new { id = searchId }, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(Gap("search_cells", OneSearch), new { id = searchId }, transaction, cancellationToken: ct));
    }

    public static Task AddBudgetMovementAsync(NpgsqlTransaction transaction, string movementId, CancellationToken ct) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(Budgets(OneMovement), new { id = movementId }, transaction, cancellationToken: ct));

    /// <summary>
    /// Empties the rollups and counts every fact again, in one transaction. The rollups are locked first (in the
    /// order the consumers write them), so a consumer either committed before (its fact is counted here) or waits and
    /// adds its event after.
    /// </summary>
    public static async Task<RebuildResult> RebuildAsync(NpgsqlDataSource dataSource, CancellationToken ct)
    {
        var started = DateTimeOffset.UtcNow;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("SET LOCAL statement_timeout = 0", transaction: transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "LOCK TABLE demand_by_month, gap_by_month, waits_by_month, gap_waits_by_month, budgets_by_month IN ACCESS EXCLUSIVE MODE", transaction: transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            "TRUNCATE demand_by_month, gap_by_month, waits_by_month, gap_waits_by_month, budgets_by_month", transaction: transaction, cancellationToken: ct));
        foreach (var sql in new[]
        {
            Demand("order_cells", Everything), Demand("search_cells", Everything),
            Gap("order_cells", Everything), Gap("search_cells", Everything),
            Waits(Everything), GapWaits(Everything), Budgets(Everything),
        })
        {
            await connection.ExecuteAsync(new CommandDefinition(sql, transaction: transaction, commandTimeout: 0, cancellationToken: ct));
        }

        var counts = await connection.QuerySingleAsync<RebuildResult>(new CommandDefinition(
            """
            SELECT (SELECT count(*) FROM orders) AS orders, (SELECT count(*) FROM searches) AS searches,
                   (SELECT count(*) FROM budget_movements) AS budgetmovements,
                   (SELECT count(*) FROM demand_by_month) AS demandrows, (SELECT count(*) FROM gap_by_month) AS gaprows
            """, transaction: transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return counts with { ElapsedMs = (long)(DateTimeOffset.UtcNow - started).TotalMilliseconds };
    }
}

/// <summary>What a rebuild counted: the facts read and the rollup rows written.</summary>
public sealed record RebuildResult(long Orders, long Searches, long BudgetMovements, long DemandRows, long GapRows)
{
    public long ElapsedMs { get; init; }
}
