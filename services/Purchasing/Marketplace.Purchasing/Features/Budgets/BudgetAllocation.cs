using Dapper;
using Marketplace.Contracts.Purchasing;
using Marketplace.Purchasing.Features.Shared;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Security;
using Npgsql;

namespace Marketplace.Purchasing.Features.Budgets;

public sealed record BudgetComponentRequest(string? Component, long? AmountPence, string? DeliveryMode, long? ApprovalThresholdPence);

/// <summary>
/// An LA officer allocates a personal budget. The holder is named by user id or by email (matched against the token's
/// <c>email</c> claim). A young person's date of birth is checked (16 to 25 on the first day of the period) and not stored.
/// </summary>
public sealed record AllocateBudgetRequest(
    string? HolderUserId,
    string? HolderEmail,
    string? HolderType,
    DateOnly? HolderDateOfBirth,
    string? EhcPlanReference,
    DateOnly? PeriodStart,
    DateOnly? PeriodEnd,
    IReadOnlyList<BudgetComponentRequest>? Components);

public static class BudgetAllocation
{
    public static readonly string[] Components = ["education", "health", "social-care"];
    public static readonly string[] DeliveryModes = ["direct-payment", "organised", "third-party"];
    public static readonly string[] HolderTypes = ["parent", "young-person"];

    public static ValidationErrors Validate(AllocateBudgetRequest r)
    {
        var errors = new ValidationErrors();
        errors.Require(!string.IsNullOrWhiteSpace(r.HolderUserId) || !string.IsNullOrWhiteSpace(r.HolderEmail), "holderUserId",
            "Name the budget holder by their user id or their email address.");
        errors.Require(r.HolderEmail is null || r.HolderEmail.Contains('@'), "holderEmail", "Enter the holder's email address, like name@example.org.");
        errors.Require(r.HolderType is not null && HolderTypes.Contains(r.HolderType), "holderType", "Say who holds the budget: parent or young-person.");
        errors.Require(!string.IsNullOrWhiteSpace(r.EhcPlanReference) && r.EhcPlanReference.Length <= 50, "ehcPlanReference",
            "Enter the EHC plan reference (up to 50 characters).");
        errors.Require(r.PeriodStart is not null, "periodStart", "Enter the first day of the budget period.");
        errors.Require(r.PeriodEnd is not null && (r.PeriodStart is null || r.PeriodEnd >= r.PeriodStart), "periodEnd",
            "Enter the last day of the budget period, on or after its first day.");
        if (r.HolderType == "young-person")
        {
            if (r.HolderDateOfBirth is not { } born || r.PeriodStart is not { } start)
            {
                errors.Add("holderDateOfBirth", "Enter the young person's date of birth: a young person must be 16 to 25 to hold their own budget.");
            }
            else
            {
                var age = start.Year - born.Year - (start < born.AddYears(start.Year - born.Year) ? 1 : 0);
                errors.Require(age is >= 16 and <= 25, "holderDateOfBirth",
                    $"A young person must be 16 to 25 to hold their own budget; on {start:d MMMM yyyy} they are {age}. A parent can hold it instead.");
            }
        }

        var components = r.Components ?? [];
        errors.Require(components.Count > 0, "components", "Give at least one component: education, health or social-care.");
        for (var i = 0; i < components.Count; i++)
        {
            var c = components[i];
            errors.Require(c.Component is not null && Components.Contains(c.Component), $"components[{i}].component", "A component is education, health or social-care.");
            errors.Require(components.Count(o => o.Component == c.Component) == 1, $"components[{i}].component", "Give each component once.");
            errors.Require(c.AmountPence is >= 0, $"components[{i}].amountPence", "Enter the amount in pence, zero or more.");
            errors.Require(c.DeliveryMode is not null && DeliveryModes.Contains(c.DeliveryMode), $"components[{i}].deliveryMode",
                "A delivery mode is direct-payment, organised or third-party.");
            errors.Require(c.ApprovalThresholdPence is null or > 0, $"components[{i}].approvalThresholdPence",
                "An approval threshold is an amount in pence above zero; leave it out when no purchase needs approval.");
        }

        return errors;
    }

    public static async Task<Answer> AllocateAsync(NpgsqlDataSource db, Caller caller, AllocateBudgetRequest r, string? idempotencyKey, DateTimeOffset now, CancellationToken ct)
    {
        if (!caller.Is(MarketplaceRoles.LaOfficer) || caller.LocalAuthority is null)
        {
            return Answer.Problem(StatusCodes.Status403Forbidden, "not-an-officer", "Only a local authority officer can allocate a budget",
                "Your account does not act for a local authority.");
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        if (idempotencyKey is not null
            && await Idempotency.ClaimAsync(transaction, caller.UserId, $"budgets:{idempotencyKey}", Idempotency.Hash(r), ct) is { } first)
        {
            return first;
        }

        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM budgets WHERE local_authority = @la AND ehc_plan_reference = @EhcPlanReference AND period_start = @PeriodStart)",
            new { la = caller.LocalAuthority, r.EhcPlanReference, r.PeriodStart }, transaction, cancellationToken: ct));
        if (exists)
        {
            var conflict = Answer.Problem(StatusCodes.Status409Conflict, "budget-exists", "This EHC plan already has a budget for this period",
                "Adjust the existing budget instead of allocating a second one.");
            return await FinishAsync(transaction, caller, idempotencyKey, conflict, ct);
        }

        var id = Guid.CreateVersion7();
        var budget = new BudgetRow
        {
            Id = id, LocalAuthority = caller.LocalAuthority, HolderUserId = Blank(r.HolderUserId), HolderEmail = Blank(r.HolderEmail)?.ToLowerInvariant(),
            HolderType = r.HolderType!, EhcPlanReference = r.EhcPlanReference!.Trim(), PeriodStart = r.PeriodStart!.Value, PeriodEnd = r.PeriodEnd!.Value, CreatedAt = now,
        };
        await InsertAsync(transaction, budget, r.Components!, caller.UserId, ct);
        var answer = Answer.Created($"/api/purchasing/budgets/{id}", await BudgetsApi.ViewAsync(connection, transaction, id, ct) ?? throw new InvalidOperationException());
        return await FinishAsync(transaction, caller, idempotencyKey, answer, ct);
    }

    /// <summary>Writes the budget, its component balances, an allocation ledger entry per component and <see cref="BudgetAllocated"/>.</summary>
    internal static async Task InsertAsync(NpgsqlTransaction transaction, BudgetRow budget, IReadOnlyList<BudgetComponentRequest> components, string actor, CancellationToken ct)
    {
        var connection = transaction.Connection!;
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO budgets (id, local_authority, holder_user_id, holder_email, holder_type, ehc_plan_reference, period_start, period_end, allocated_by, created_at)
            VALUES (@Id, @LocalAuthority, @HolderUserId, @HolderEmail, @HolderType, @EhcPlanReference, @PeriodStart, @PeriodEnd, @actor, @CreatedAt)
            """, new { budget.Id, budget.LocalAuthority, budget.HolderUserId, budget.HolderEmail, budget.HolderType, budget.EhcPlanReference, budget.PeriodStart, budget.PeriodEnd, actor, budget.CreatedAt },
            transaction, cancellationToken: ct));
        foreach (var c in components)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO budget_components (budget_id, component, delivery_mode, approval_threshold_pence, allocated_pence, available_pence)
                VALUES (@id, @Component, @DeliveryMode, @ApprovalThresholdPence, @AmountPence, @AmountPence);
                INSERT INTO budget_ledger (budget_id, component, kind, amount_pence, reason, actor, at)
                VALUES (@id, @Component, 'allocation', @AmountPence, 'Allocated for the EHC plan', @actor, @now);
                """, new { id = budget.Id, c.Component, c.DeliveryMode, c.ApprovalThresholdPence, c.AmountPence, actor, now = budget.CreatedAt },
                transaction, cancellationToken: ct));
        }

        await Outbox.EnqueueAsync(transaction, new BudgetAllocated(budget.Id, budget.LocalAuthority, budget.HolderType, budget.EhcPlanReference,
            budget.PeriodStart, budget.PeriodEnd,
            components.Select(c => new BudgetComponentAllocation(c.Component!, c.DeliveryMode!, c.AmountPence!.Value, c.ApprovalThresholdPence)).ToList(),
            budget.CreatedAt), ct);
    }

    private static async Task<Answer> FinishAsync(NpgsqlTransaction transaction, Caller caller, string? idempotencyKey, Answer answer, CancellationToken ct)
    {
        if (idempotencyKey is not null)
        {
            await Idempotency.RecordAsync(transaction, caller.UserId, $"budgets:{idempotencyKey}", answer, ct);
        }

        await transaction.CommitAsync(ct);
        return answer;
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
