using Dapper;
using MassTransit;
using Marketplace.Commissioning.Features.Demand;
using Marketplace.Contracts.Purchasing;
using Marketplace.ServiceDefaults.Messaging;
using Npgsql;

namespace Marketplace.Commissioning.Consumers;

/// <summary>Counts personal budgets allocated, and money allocated and adjusted, by LA and month. Nothing about the holder is kept.</summary>
public sealed class CountBudgetsConsumer(NpgsqlDataSource dataSource) : IConsumer<BudgetAllocated>, IConsumer<BudgetAdjusted>
{
    public Task Consume(ConsumeContext<BudgetAllocated> context) =>
        Inbox.HandleOnceAsync(dataSource, context, nameof(CountBudgetsConsumer), transaction =>
        {
            var m = context.Message;
            return ApplyAsync(transaction, $"allocated:{m.BudgetId}", m.BudgetId, m.LocalAuthority, "allocated",
                m.Components.Sum(c => c.AmountPence), m.AllocatedAt, context.CancellationToken);
        });

    public Task Consume(ConsumeContext<BudgetAdjusted> context) =>
        Inbox.HandleOnceAsync(dataSource, context, nameof(CountBudgetsConsumer), transaction =>
        {
            // An adjustment has no id of its own: the message id names it (the outbox gives each event one).
            var m = context.Message;
            return ApplyAsync(transaction, $"adjusted:{context.MessageId}", m.BudgetId, m.LocalAuthority, "adjusted",
                m.AmountPence, m.AdjustedAt, context.CancellationToken);
        });

    public static async Task<bool> ApplyAsync(NpgsqlTransaction transaction, string movementId, Guid budgetId, string la, string kind,
        long amountPence, DateTimeOffset at, CancellationToken ct)
    {
        var inserted = await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO budget_movements (movement_id, budget_id, la, kind, amount_pence, at)
            VALUES (@movementId, @budgetId, @la, @kind, @amountPence, @at)
            ON CONFLICT (movement_id) DO NOTHING
            """, new { movementId, budgetId, la, kind, amountPence, at }, transaction, cancellationToken: ct));
        if (inserted == 0)
        {
            return false;
        }

        await Rollups.AddBudgetMovementAsync(transaction, movementId, ct);
        return true;
    }
}
