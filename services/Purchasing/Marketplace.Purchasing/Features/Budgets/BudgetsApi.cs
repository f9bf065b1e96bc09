using System.Security.Claims;
using Dapper;
using Marketplace.Purchasing.Features.Shared;
using Marketplace.ServiceDefaults.Security;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Marketplace.Purchasing.Features.Budgets;

/// <summary>Personal budgets: allocation by an LA officer; balances and the ledger for the holder and the LA's officers.</summary>
public static class BudgetsApi
{
    public static IEndpointRouteBuilder MapBudgetsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/purchasing/budgets").RequireAuthorization();
        api.MapPost("", Allocate).RequireAuthorization(p => p.RequireRole(MarketplaceRoles.LaOfficer));
        api.MapGet("", List);
        api.MapGet("/{budgetId:guid}", Get);
        api.MapGet("/{budgetId:guid}/statement", Statement);
        api.MapPost("/{budgetId:guid}/adjustments", Adjust).RequireAuthorization(p => p.RequireRole(MarketplaceRoles.LaOfficer));
        return app;
    }

    private static async Task<IResult> Allocate(AllocateBudgetRequest request, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = BudgetAllocation.Validate(request);
        if (idempotencyKey is { Length: > Idempotency.MaxKeyLength })
        {
            errors.Add("Idempotency-Key", $"An Idempotency-Key is at most {Idempotency.MaxKeyLength} characters.");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        return (await BudgetAllocation.AllocateAsync(db, Caller.From(user), request, idempotencyKey, clock.GetUtcNow(), ct)).ToResult();
    }

    private static async Task<IResult> Adjust(Guid budgetId, AdjustBudgetRequest request, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = BudgetAdjustment.Validate(request);
        if (idempotencyKey is { Length: > Idempotency.MaxKeyLength })
        {
            errors.Add("Idempotency-Key", $"An Idempotency-Key is at most {Idempotency.MaxKeyLength} characters.");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        return (await BudgetAdjustment.AdjustAsync(db, Caller.From(user), budgetId, request, idempotencyKey, clock.GetUtcNow(), ct)).ToResult();
    }

    private static async Task<IResult> Get(Guid budgetId, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct) =>
        (await GetAsync(db, Caller.From(user), budgetId, ct)).ToResult();

    /// <summary>The holder's statement; CSV when asked with <c>Accept: text/csv</c> or <c>?format=csv</c>.</summary>
    private static async Task<IResult> Statement(Guid budgetId, HttpRequest request, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct, string? format = null)
    {
        var statement = await BudgetStatement.LoadAsync(db, Caller.From(user), budgetId, ct);
        if (statement is null)
        {
            return Answer.NotFound("The budget").ToResult();
        }

        return format == "csv" || request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase)
            ? Results.File(BudgetStatement.Csv(statement), "text/csv; charset=utf-8", $"budget-statement-{statement.BudgetId}.csv")
            : Results.Ok(statement);
    }

    /// <summary>The budget for its holder or an officer of its local authority; anyone else is told it was not found.</summary>
    public static async Task<Answer> GetAsync(NpgsqlDataSource db, Caller caller, Guid budgetId, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var view = await ViewAsync(connection, null, budgetId, ct);
        if (view is null || !(caller.Holds(view.HolderUserId, view.HolderEmail) || caller.IsOfficerOf(view.LocalAuthority)))
        {
            return Answer.NotFound("The budget");
        }

        return Answer.Ok(view);
    }

    /// <summary>
    /// The caller's own budgets, or every budget of an officer's local authority, each with its totals over all parts
    /// and each part's balance (without ledgers): one query for the budgets and one for all their parts.
    /// </summary>
    private static async Task<IResult> List(ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        var caller = Caller.From(user);
        await using var connection = await db.OpenConnectionAsync(ct);
        var budgets = (await connection.QueryAsync<BudgetSummary>(new CommandDefinition(
            """
            SELECT b.id, b.local_authority, b.holder_user_id, b.holder_email, b.holder_type, b.ehc_plan_reference, b.period_start, b.period_end, b.created_at,
                   t.allocated_pence, t.available_pence, t.committed_pence, t.spent_pence
            FROM budgets b
            CROSS JOIN LATERAL (
                SELECT sum(allocated_pence)::bigint AS allocated_pence, sum(available_pence)::bigint AS available_pence,
                       sum(committed_pence)::bigint AS committed_pence, sum(spent_pence)::bigint AS spent_pence
                FROM budget_components c WHERE c.budget_id = b.id) t
            WHERE b.holder_user_id = @UserId OR (@Email IS NOT NULL AND b.holder_email = lower(@Email)) OR (@officer AND b.local_authority = @LocalAuthority)
            ORDER BY b.created_at DESC LIMIT 500
            """, new { caller.UserId, caller.Email, caller.LocalAuthority, officer = caller.Is(MarketplaceRoles.LaOfficer) }, cancellationToken: ct))).ToList();
        var parts = (await connection.QueryAsync<ComponentBalance>(new CommandDefinition(
            $"SELECT budget_id, {ComponentColumns} FROM budget_components WHERE budget_id = ANY(@ids) ORDER BY {ComponentOrder}",
            new { ids = budgets.Select(b => b.Id).ToArray() }, cancellationToken: ct))).ToLookup(c => c.BudgetId);
        foreach (var budget in budgets)
        {
            budget.Components = [.. parts[budget.Id]];
        }

        return Results.Ok(budgets);
    }

    private const string ComponentColumns =
        "component, delivery_mode, approval_threshold_pence, allocated_pence, available_pence, committed_pence, spent_pence";

    private const string ComponentOrder = "array_position(ARRAY['education', 'health', 'social-care'], component)";

    internal static async Task<BudgetView?> ViewAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, Guid budgetId, CancellationToken ct)
    {
        var budget = await connection.QuerySingleOrDefaultAsync<BudgetRow>(new CommandDefinition(
            """
            SELECT id, local_authority, holder_user_id, holder_email, holder_type, ehc_plan_reference, period_start, period_end, created_at
            FROM budgets WHERE id = @budgetId
            """, new { budgetId }, transaction, cancellationToken: ct));
        if (budget is null)
        {
            return null;
        }

        var components = await connection.QueryAsync<ComponentBalance>(new CommandDefinition(
            $"SELECT {ComponentColumns} FROM budget_components WHERE budget_id = @budgetId ORDER BY {ComponentOrder}",
            new { budgetId }, transaction, cancellationToken: ct));
        var ledger = await connection.QueryAsync<LedgerEntry>(new CommandDefinition(
            "SELECT seq, component, kind, amount_pence, order_id, reason, at FROM budget_ledger WHERE budget_id = @budgetId ORDER BY seq",
            new { budgetId }, transaction, cancellationToken: ct));
        return new BudgetView(budget.Id, budget.LocalAuthority, budget.HolderType, budget.HolderUserId, budget.HolderEmail, budget.EhcPlanReference,
            budget.PeriodStart, budget.PeriodEnd, components.ToList(), ledger.ToList());
    }
}
