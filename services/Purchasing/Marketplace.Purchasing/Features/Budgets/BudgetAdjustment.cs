using Dapper;
using Marketplace.Contracts.Purchasing;
using Marketplace.Purchasing.Features.Shared;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Messaging;
using Npgsql;

namespace Marketplace.Purchasing.Features.Budgets;

/// <summary>A top-up (positive pence) or a reduction (negative) of one component, with a reason.</summary>
public sealed record AdjustBudgetRequest(string? Component, long? AmountPence, string? Reason);

/// <summary>
/// Top-ups and reductions are new ledger entries, never edits. A reduction takes only what is still available (money
/// committed to orders or spent stays), with the same conditional update that guards orders.
/// </summary>
public static class BudgetAdjustment
{
    public static ValidationErrors Validate(AdjustBudgetRequest r)
    {
        var errors = new ValidationErrors();
        errors.Require(r.Component is not null && BudgetAllocation.Components.Contains(r.Component), "component", "A component is education, health or social-care.");
        errors.Require(r.AmountPence is not null and not 0, "amountPence", "Enter the change in pence: positive to top up, negative to reduce.");
        errors.Require(!string.IsNullOrWhiteSpace(r.Reason) && r.Reason.Length <= 500, "reason", "Give the reason for the change (up to 500 characters); the holder sees it.");
        return errors;
    }

    public static async Task<Answer> AdjustAsync(NpgsqlDataSource db, Caller caller, Guid budgetId, AdjustBudgetRequest r, string? idempotencyKey, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var la = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT local_authority FROM budgets WHERE id = @budgetId", new { budgetId }, transaction, cancellationToken: ct));
        if (la is null || !caller.IsOfficerOf(la))
        {
            return Answer.NotFound("The budget");
        }

        var key = idempotencyKey is null ? null : $"adjustments:{budgetId}:{idempotencyKey}";
        if (key is not null && await Idempotency.ClaimAsync(transaction, caller.UserId, key, Idempotency.Hash(r), ct) is { } first)
        {
            return first;
        }

        var amount = r.AmountPence!.Value;
        var reason = r.Reason!.Trim();
        var changed = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE budget_components SET allocated_pence = allocated_pence + @amount, available_pence = available_pence + @amount
            WHERE budget_id = @budgetId AND component = @Component AND available_pence + @amount >= 0
            """, new { amount, budgetId, r.Component }, transaction, cancellationToken: ct));
        Answer answer;
        if (changed == 0)
        {
            var available = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                "SELECT available_pence FROM budget_components WHERE budget_id = @budgetId AND component = @Component",
                new { budgetId, r.Component }, transaction, cancellationToken: ct));
            answer = available is null
                ? Answer.Problem(StatusCodes.Status409Conflict, "no-such-component", "This budget has no such part",
                    $"This budget has no {r.Component} part. Allocate a new budget to add one.")
                : Answer.Problem(StatusCodes.Status409Conflict, "reduction-exceeds-available", "The reduction is more than is left",
                    $"Only {Orders.OrderPlacement.Money(available.Value)} of the {r.Component} part is not committed to orders or spent; it cannot be reduced by more.");
        }
        else
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO budget_ledger (budget_id, component, kind, amount_pence, reason, actor, at)
                VALUES (@budgetId, @Component, 'adjustment', @amount, @reason, @UserId, @now);
                INSERT INTO audit_trail (at, actor_id, actor_role, budget_id, action, reason)
                VALUES (@now, @UserId, @Role, @budgetId, 'adjusted', @reason);
                """, new { budgetId, r.Component, amount, reason, caller.UserId, caller.Role, now }, transaction, cancellationToken: ct));
            await Outbox.EnqueueAsync(transaction, new BudgetAdjusted(budgetId, la, r.Component!, amount, reason, now), ct);
            answer = Answer.Ok(await BudgetsApi.ViewAsync(connection, transaction, budgetId, ct) ?? throw new InvalidOperationException());
        }

        if (key is not null)
        {
            await Idempotency.RecordAsync(transaction, caller.UserId, key, answer, ct);
        }

        await transaction.CommitAsync(ct);
        return answer;
    }
}
