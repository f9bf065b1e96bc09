using System.Text.Json;
using Marketplace.Catalogue.Features.Search;
using Marketplace.Contracts.Onboarding;
using Marketplace.ServiceDefaults.Http;

namespace Marketplace.Catalogue.Features.OpenReferral;

/// <summary>
/// The Open Referral UK (HSDS-UK 3.0) API over the catalogue's published offers: open to all, with
/// <c>Access-Control-Allow-Origin: *</c> and the standard paging envelope.
/// </summary>
public static class OrukApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapOrukApi(this IEndpointRouteBuilder app)
    {
        var oruk = app.MapGroup("/oruk").AllowAnonymous();
        oruk.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.AccessControlAllowOrigin = "*";
            return await next(context);
        });
        oruk.MapGet("/", (HttpRequest request) => Results.Json(new
        {
            version = "HSDS-UK-3.0",
            profile = "https://github.com/openreferraluk/uk-profile",
            openapi_url = $"{request.Scheme}://{request.Host}{request.PathBase}/oruk/openapi.json",
        }));
        oruk.MapGet("/openapi.json", () => Results.Stream(
            typeof(OrukApi).Assembly.GetManifestResourceStream("Marketplace.Catalogue.Features.OpenReferral.openapi30.json")!, "application/json"));
        oruk.MapGet("/services", ListServices);
        oruk.MapGet("/services/{id}", GetService);
        return app;
    }

    private static async Task<IResult> ListServices(
        CatalogueSearch search, CancellationToken ct,
        int page = 1, int per_page = 50, int? minimum_age = null, int? maximum_age = null,
        HttpRequest? request = null)
    {
        var words = request?.Query["search"].ToString();
        var errors = new ValidationErrors()
            .Require(page >= 1, "page", "page must be 1 or more.")
            .Require(per_page is >= 1 and <= 200, "per_page", "per_page must be from 1 to 200.");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var filters = await search.CorrectSpellingAsync(new SearchFilters(Q: string.IsNullOrWhiteSpace(words) ? null : words, MinimumAge: minimum_age, MaximumAge: maximum_age, Sort: "name"), ct);
        var result = await search.SearchAsync(filters, page, per_page, ct);
        var totalPages = Math.Max(1, (int)Math.Ceiling(result.Total / (double)per_page));
        return Results.Json(new
        {
            total_items = result.Total,
            total_pages = totalPages,
            page_number = page,
            size = result.Items.Count,
            first_page = page == 1,
            last_page = page >= totalPages,
            empty = result.Items.Count == 0,
            contents = result.Items.Select(ToService),
        });
    }

    private static async Task<IResult> GetService(string id, CatalogueSearch search, CancellationToken ct)
    {
        var offer = Guid.TryParse(id, out var guid) ? await search.FindAsync(guid, ct) : null;
        if (offer is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Service not found", detail: $"No published service has the id '{id}'.");
        }

        var snapshot = JsonSerializer.Deserialize<OfferSnapshot>(offer.Snapshot, Json)!;
        return Results.Json(new
        {
            id = offer.Id,
            organization_id = offer.ProviderId,
            name = offer.Name,
            description = offer.Description,
            email = snapshot.ContactEmail,
            status = "active",
            minimum_age = offer.MinAge,
            maximum_age = offer.MaxAge,
            last_modified = offer.UpdatedAt,
            organization = new { id = offer.ProviderId, name = offer.ProviderName, description = offer.ProviderName },
            cost_options = snapshot.CostOptions.Select((c, i) => new
            {
                id = Deterministic(offer.Id, $"cost/{i}"),
                service_id = offer.Id,
                option = c.Label,
                amount = c.AmountPence / 100m,
                currency = "GBP",
                amount_description = c.Unit,
            }),
            service_areas = offer.AreasServed.Select(a => new { id = Deterministic(offer.Id, $"area/{a}"), service_id = offer.Id, name = a, extent_type = "ons_la_code" }),
        });
    }

    private static object ToService(OfferListItem o) => new
    {
        id = o.Id,
        organization_id = o.ProviderId,
        name = o.Name,
        description = o.Description,
        status = "active",
        minimum_age = o.MinAge,
        maximum_age = o.MaxAge,
        last_modified = o.UpdatedAt,
        organization = new { id = o.ProviderId, name = o.ProviderName, description = o.ProviderName },
    };

    /// <summary>Stable ids for sub-records that have none of their own.</summary>
    private static Guid Deterministic(Guid parent, string part)
    {
        var bytes = System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"{parent}/{part}"));
        return new Guid(bytes);
    }
}
