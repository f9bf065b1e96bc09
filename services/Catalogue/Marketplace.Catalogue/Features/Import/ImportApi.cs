using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Security;
using Marketplace.ServiceDefaults.Taxonomy;

namespace Marketplace.Catalogue.Features.Import;

/// <summary>
/// <c>POST /api/catalogue/imports?source=NAME&amp;la=CODE[&amp;la=CODE…]</c> with an Open Referral UK 3.0 document as the
/// body: a local authority officer brings another directory's services into the Local Offer (out-of-area provision).
/// Answers a report: how many were new, updated and rejected, each rejection with its reason.
/// </summary>
public static partial class ImportApi
{
    public static IEndpointRouteBuilder MapImportApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/catalogue/imports", Import)
            .RequireAuthorization(p => p.RequireRole(MarketplaceRoles.LaOfficer))
            .DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> Import(HttpRequest request, OrukImport import, CancellationToken ct)
    {
        var source = request.Query["source"].ToString().Trim();
        var areas = request.Query["la"].Select(a => a?.Trim() ?? "").Where(a => a.Length > 0).Distinct().ToArray();
        var errors = new ValidationErrors()
            .Require(Source().IsMatch(source), "source", "Name the directory the feed comes from, in lower-case words joined by hyphens (for example, lancashire-fis).")
            .Require(areas.Length > 0, "la", "Give the ONS code of each local authority the imported services serve (la=E10000017).")
            .Require(areas.All(SendTaxonomy.IsLocalAuthorityCode), "la", "Use ONS local authority codes such as E10000017.");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        JsonDocument document;
        try
        {
            document = await JsonDocument.ParseAsync(request.Body, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            return new ValidationErrors().Add("body", $"The feed is not valid JSON: {e.Message.Split(" Path:", 2)[0]}").ToResult();
        }

        using (document)
        {
            var report = await import.ImportAsync(document.RootElement, source, areas, ct);
            return Results.Ok(report);
        }
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Source();
}
