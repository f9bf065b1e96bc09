using System.Security.Claims;
using Dapper;
using Marketplace.Purchasing.Features.Shared;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Security;
using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace Marketplace.Purchasing.Features.Orders;

/// <summary>A reason for a step that needs one (decline, refusal) or may have one (cancellation, approval).
/// <paramref name="ReasonCode"/> on a decline is <c>no-capacity</c> or <c>other</c>.</summary>
public sealed record StepRequest(string? Reason, string? ReasonCode);

/// <summary>Orders: placing (with Idempotency-Key), reading, and moving them on.</summary>
public static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/purchasing/offers/{offerId:guid}", GetOffer).RequireAuthorization();
        var api = app.MapGroup("/api/purchasing/orders").RequireAuthorization();
        api.MapPost("", Place).RequireAuthorization(p => p.RequireRole(MarketplaceRoles.Family, MarketplaceRoles.YoungPerson, MarketplaceRoles.School));
        api.MapGet("", List);
        api.MapGet("/{orderId:guid}", Get);
        api.MapPost("/{orderId:guid}/approval", (Guid orderId, StepRequest? body, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
            Step(orderId, OrderStep.Approve, body, user, db, clock, ct)).RequireAuthorization(p => p.RequireRole(MarketplaceRoles.LaOfficer));
        api.MapPost("/{orderId:guid}/refusal", (Guid orderId, StepRequest? body, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
            Step(orderId, OrderStep.Refuse, body, user, db, clock, ct)).RequireAuthorization(p => p.RequireRole(MarketplaceRoles.LaOfficer));
        api.MapPost("/{orderId:guid}/acceptance", (Guid orderId, StepRequest? body, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
            Step(orderId, OrderStep.Accept, body, user, db, clock, ct)).RequireAuthorization(p => p.RequireRole(MarketplaceRoles.Provider));
        api.MapPost("/{orderId:guid}/decline", (Guid orderId, StepRequest? body, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
            Step(orderId, OrderStep.Decline, body, user, db, clock, ct)).RequireAuthorization(p => p.RequireRole(MarketplaceRoles.Provider));
        api.MapPost("/{orderId:guid}/delivery", (Guid orderId, StepRequest? body, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
            Step(orderId, OrderStep.Deliver, body, user, db, clock, ct)).RequireAuthorization(p => p.RequireRole(MarketplaceRoles.Provider));
        api.MapPost("/{orderId:guid}/cancellation", (Guid orderId, StepRequest? body, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
            Step(orderId, OrderStep.Cancel, body, user, db, clock, ct));
        return app;
    }

    private static async Task<IResult> Place(PlaceOrderRequest request, [FromHeader(Name = Idempotency.Header)] string? idempotencyKey,
        ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = OrderPlacement.Validate(request);
        if (idempotencyKey is { Length: > Idempotency.MaxKeyLength })
        {
            errors.Add("Idempotency-Key", $"An Idempotency-Key is at most {Idempotency.MaxKeyLength} characters.");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        return (await OrderPlacement.PlaceAsync(db, Caller.From(user), request, idempotencyKey, clock.GetUtcNow(), ct)).ToResult();
    }

    private static async Task<IResult> Step(Guid orderId, OrderStep step, StepRequest? body, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = ValidateStep(step, body);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        return (await OrderTransitions.MoveAsync(db, Caller.From(user), orderId, step, body?.Reason, body?.ReasonCode, clock.GetUtcNow(), ct)).ToResult();
    }

    public static ValidationErrors ValidateStep(OrderStep step, StepRequest? body)
    {
        var errors = new ValidationErrors();
        if (step is OrderStep.Decline or OrderStep.Refuse)
        {
            errors.Require(!string.IsNullOrWhiteSpace(body?.Reason) && body.Reason.Length <= 500, "reason",
                "Give a reason the family can read and challenge (up to 500 characters).");
        }

        if (step == OrderStep.Decline)
        {
            errors.Require(body?.ReasonCode is null or "no-capacity" or "other", "reasonCode", "A reason code is no-capacity or other.");
        }

        errors.Require(body?.Reason is null || body.Reason.Length <= 500, "reason", "A reason is at most 500 characters.");
        return errors;
    }

    /// <summary>An offer as purchasing sells it: the version and prices an order must name, and whether it can be bought now.</summary>
    private static async Task<IResult> GetOffer(Guid offerId, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var offer = await connection.QuerySingleOrDefaultAsync<SellableOffer>(new CommandDefinition(
            """
            SELECT o.id, o.provider_id, o.version, o.status, o.name, o.provider_name, o.service_type, o.budget_eligible, o.schools_can_buy,
                   o.cost_options::text AS cost_options, coalesce(p.suspended, false) AS provider_suspended
            FROM purchasing_offers o LEFT JOIN purchasing_providers p ON p.provider_id = o.provider_id
            WHERE o.id = @offerId
            """, new { offerId }, cancellationToken: ct));
        if (offer is null)
        {
            return Answer.NotFound("The service").ToResult();
        }

        return Results.Ok(new
        {
            offer.Id, offer.ProviderId, offer.Version, offer.Name, offer.ProviderName, offer.ServiceType, offer.BudgetEligible, offer.SchoolsCanBuy,
            CanBeOrdered = offer.Status == "published" && !offer.ProviderSuspended,
            CostOptions = System.Text.Json.JsonSerializer.Deserialize<List<PriceOption>>(offer.CostOptions, Answer.JsonOptions) ?? [],
        });
    }

    private static async Task<IResult> Get(Guid orderId, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        var caller = Caller.From(user);
        await using var connection = await db.OpenConnectionAsync(ct);
        var order = await connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition(
            "SELECT * FROM orders WHERE id = @orderId", new { orderId }, cancellationToken: ct));
        if (order is null || !OrderAccess.MayRead(caller, order))
        {
            return Answer.NotFound("The order").ToResult();
        }

        return Results.Ok(order);
    }

    /// <summary>The caller's orders: a buyer's own (a school's staff see all the school's), a provider's incoming, or every order of an officer's local authority.</summary>
    private static async Task<IResult> List(ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct, string? status = null)
    {
        var caller = Caller.From(user);
        await using var connection = await db.OpenConnectionAsync(ct);
        var parameters = new DynamicParameters(OrderAccess.ReadableArgs(caller));
        parameters.Add("status", status);
        var orders = await connection.QueryAsync<OrderRow>(new CommandDefinition(
            $"""
            SELECT * FROM orders o
            WHERE {OrderAccess.ReadableSql}
              AND (@status::text IS NULL OR o.status = @status)
            ORDER BY o.placed_at DESC LIMIT 500
            """, parameters, cancellationToken: ct));
        return Results.Ok(orders);
    }
}
