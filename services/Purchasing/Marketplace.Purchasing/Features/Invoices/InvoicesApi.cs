using System.Security.Claims;
using Dapper;
using Marketplace.Purchasing.Features.Orders;
using Marketplace.Purchasing.Features.Shared;
using Marketplace.ServiceDefaults.Security;
using Npgsql;

namespace Marketplace.Purchasing.Features.Invoices;

/// <summary>Invoices: the provider issues one per delivered order, the payer records payment, each party lists its own.</summary>
public static class InvoicesApi
{
    public static IEndpointRouteBuilder MapInvoicesApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/purchasing/orders/{orderId:guid}").RequireAuthorization();
        orders.MapPost("/invoice", Issue).RequireAuthorization(p => p.RequireRole(MarketplaceRoles.Provider));
        orders.MapGet("/invoice", Get);
        orders.MapPost("/payment", Pay);
        app.MapGet("/api/purchasing/invoices", List).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> Issue(Guid orderId, IssueInvoiceRequest request, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = InvoiceIssuing.Validate(request, DateOnly.FromDateTime(now.UtcDateTime));
        if (errors.Any)
        {
            return errors.ToResult();
        }

        return (await InvoiceIssuing.IssueAsync(db, Caller.From(user), orderId, request, now, ct)).ToResult();
    }

    private static async Task<IResult> Pay(Guid orderId, RecordPaymentRequest? request, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = InvoicePayment.Validate(request, DateOnly.FromDateTime(now.UtcDateTime));
        if (errors.Any)
        {
            return errors.ToResult();
        }

        return (await InvoicePayment.RecordAsync(db, Caller.From(user), orderId, request, now, ct)).ToResult();
    }

    private static async Task<IResult> Get(Guid orderId, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        var caller = Caller.From(user);
        await using var connection = await db.OpenConnectionAsync(ct);
        var order = await connection.QuerySingleOrDefaultAsync<OrderRow>(new CommandDefinition(
            "SELECT * FROM orders WHERE id = @orderId", new { orderId }, cancellationToken: ct));
        var invoice = order is not null && OrderAccess.MayRead(caller, order) ? await InvoiceView.OfOrderAsync(connection, null, orderId, ct) : null;
        return invoice is null ? Answer.NotFound("The invoice").ToResult() : Results.Ok(invoice);
    }

    /// <summary>The invoices the caller may read: a provider's own, a buyer's (a school's staff see the school's), every one of an officer's LA.</summary>
    private static async Task<IResult> List(ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct, string? status = null)
    {
        var caller = Caller.From(user);
        await using var connection = await db.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<InvoiceRow>(new CommandDefinition(
            $"""
            {InvoiceView.Select}
            WHERE {OrderAccess.ReadableSql}
              AND (@status::text IS NULL OR (@status = 'paid') = (i.paid_on IS NOT NULL))
            ORDER BY i.issued_at DESC LIMIT 500
            """, new DynamicParameters(OrderAccess.ReadableArgs(caller)).With("status", status), cancellationToken: ct));
        return Results.Ok(rows.Select(InvoiceView.From));
    }

    private static DynamicParameters With(this DynamicParameters parameters, string name, object? value)
    {
        parameters.Add(name, value);
        return parameters;
    }
}
