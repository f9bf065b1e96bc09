using System.Text.Json;
using Dapper;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Security;
using Npgsql;

namespace Marketplace.Commissioning.Import;

/// <summary>
/// <c>POST /api/commissioning/baseline/imports</c>: with a <c>text/csv</c> body and <c>?file=ehc-plans|personal-budgets</c>,
/// imports that file; with no body, imports the files the service carries again. Answers the report of each import.
/// <c>GET</c> lists the latest reports. LA officers and commissioners only.
/// </summary>
public static class BaselineApi
{
    private const long MaxBytes = 20_000_000;

    public static IEndpointRouteBuilder MapBaselineApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/commissioning/baseline").RequireAuthorization(p => p.RequireRole(MarketplaceRoles.Commissioner, MarketplaceRoles.LaOfficer));
        group.MapPost("/imports", Import);
        group.MapGet("/imports", Latest);
        return app;
    }

    private static async Task<IResult> Import(HttpRequest request, NpgsqlDataSource db, CancellationToken ct, string? file = null)
    {
        var hasBody = request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0;
        if (!hasBody)
        {
            var reports = new List<ImportReport>();
            foreach (var bundled in DfeBaseline.BundledFiles.Keys)
            {
                using var text = DfeBaseline.OpenBundled(bundled);
                reports.Add(await DfeBaseline.ImportAsync(db, bundled, text, ct));
            }

            return Results.Ok(reports);
        }

        var errors = new ValidationErrors()
            .Require(file is DfeBaseline.EhcPlans or DfeBaseline.PersonalBudgets, "file", $"Say which file this is: file={DfeBaseline.EhcPlans} or file={DfeBaseline.PersonalBudgets}")
            .Require(request.ContentType?.StartsWith("text/csv", StringComparison.OrdinalIgnoreCase) == true, "body", "Send the file as text/csv");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        if (request.ContentLength is > MaxBytes)
        {
            return new ValidationErrors().Add("body", $"The file is larger than {MaxBytes / 1_000_000} MB").ToResult();
        }

        try
        {
            // Read it all first: the CSV reader reads synchronously, which ASP.NET Core does not allow on a request body.
            using var body = new StreamReader(request.Body);
            using var text = new StringReader(await body.ReadToEndAsync(ct));
            return Results.Ok(new[] { await DfeBaseline.ImportAsync(db, file!, text, ct) });
        }
        catch (UnreadableFileException e)
        {
            return new ValidationErrors().Add("body", e.Message).ToResult();
        }
    }

    private static async Task<IResult> Latest(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var reports = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT report::text FROM baseline_imports ORDER BY imported_at DESC LIMIT 20", cancellationToken: ct));
        return Results.Ok(reports.Select(r => JsonSerializer.Deserialize<ImportReport>(r, DfeBaseline.Json)));
    }
}
