using System.Globalization;
using System.Text.Json;
using Marketplace.Catalogue.Features.Postcodes;
using Marketplace.Contracts.Onboarding;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Taxonomy;

namespace Marketplace.Catalogue.Features.Search;

/// <summary>The public Local Offer search and service pages' data. Open to everyone.</summary>
public static class SearchApi
{
    public const int MaximumWordsLength = 200;
    public const int MaximumPageSize = 100;
    private const double MetresPerMile = 1609.344;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/catalogue").AllowAnonymous();
        api.MapGet("/search", Search);
        api.MapGet("/services/{id:guid}", GetService);
        return app;
    }

    /// <summary>
    /// Every parameter is read as text and checked here, so that anything wrong (a word for a number, a page of 0,
    /// an unknown need) answers 400 with the field named, never a 500 or an unnamed binding error.
    /// </summary>
    private static async Task<IResult> Search(
        HttpRequest request, CatalogueSearch search, SearchDemand demand, PostcodeLookup postcodes, CancellationToken ct,
        string? q = null, string? need = null, string? age = null, string? la = null, string? tier = null, string? area = null,
        string? serviceType = null, string? deliveryMode = null, string? budgetEligible = null, string? free = null, string? sort = null,
        string? page = null, string? pageSize = null, string? postcode = null, string? miles = null)
    {
        var errors = new ValidationErrors();
        var ageValue = Number(errors, "age", age, null, SendTaxonomy.MinimumAge, SendTaxonomy.MaximumAge, "Age must be a whole number of years from 0 to 25.");
        var pageValue = Number(errors, "page", page, 1, 1, 100_000, "Page must be a whole number, 1 or more.") ?? 1;
        var pageSizeValue = Number(errors, "pageSize", pageSize, 20, 1, MaximumPageSize, $"Page size must be a whole number from 1 to {MaximumPageSize}.") ?? 20;
        var budgetOnly = Flag(errors, "budgetEligible", budgetEligible);
        var freeOnly = Flag(errors, "free", free);
        var milesValue = Number(errors, "miles", miles, 10, 1, 100, "Distance must be a whole number of miles from 1 to 100.") ?? 10;
        errors.Require(miles is null || postcode is not null, "miles", "Give a postcode to measure the distance from.");
        errors
            .Require(need is null || SendTaxonomy.Needs.ContainsKey(need), "need", $"Use a need code: {string.Join(", ", SendTaxonomy.Needs.Keys)}.")
            .Require(la is null || SendTaxonomy.IsLocalAuthorityCode(la), "la", "Use an ONS local authority code such as E08000010.")
            .Require(tier is null || SendTaxonomy.Tiers.ContainsKey(tier), "tier", "Use universal, targeted or specialist.")
            .Require(area is null || SendTaxonomy.ProvisionAreas.ContainsKey(area), "area", "Use education, health or social-care.")
            .Require(serviceType is null || SendTaxonomy.ServiceTypes.ContainsKey(serviceType), "serviceType",
                $"Use a service type: {string.Join(", ", SendTaxonomy.ServiceTypes.Keys)}.")
            .Require(deliveryMode is null || SendTaxonomy.DeliveryModes.ContainsKey(deliveryMode), "deliveryMode",
                $"Use a delivery mode: {string.Join(", ", SendTaxonomy.DeliveryModes.Keys)}.")
            .Require(sort is null or "relevance" or "name", "sort", "Sort by relevance or name.")
            .Require(q is null || q.Length <= MaximumWordsLength, "q", $"Search words must be {MaximumWordsLength} characters or fewer.");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var filters = new SearchFilters(q, need, ageValue, la, tier, area, serviceType, budgetOnly, freeOnly, Sort: sort ?? "relevance", DeliveryMode: deliveryMode);
        string? postcodeAuthority = null;
        if (!string.IsNullOrWhiteSpace(postcode))
        {
            if (await postcodes.FindAsync(postcode, ct) is not { } point)
            {
                return new ValidationErrors().Add("postcode", $"We do not know the postcode '{postcode.Trim()}'. Check it, or choose a local authority area instead.").ToResult();
            }

            // Services delivered in person within the distance of the postcode's centre.
            filters = filters with { Near = new Near(point.Latitude, point.Longitude, milesValue * MetresPerMile) };
            postcodeAuthority = point.LocalAuthority;
        }

        var result = await search.SearchAsync(filters, pageValue, pageSizeValue, ct, withFacets: true);
        // Commissioning's Local Offer audit reads the search too: it is not a family's search, so it is not demand.
        // (The gateway never passes this header on from outside.)
        if (request.Headers["X-Search-Purpose"] != "audit")
        {
            await demand.RecordAsync(filters with { La = filters.La ?? postcodeAuthority }, pageValue, result.Total, ct);
        }
        return Results.Ok(new
        {
            items = result.Items,
            total = result.Total,
            page = pageValue,
            pageSize = pageSizeValue,
            facets = result.Facets,
            // Said only when a misspelling was corrected ("Showing results for ...").
            searchedFor = string.Equals(result.SearchedFor, q?.Trim(), StringComparison.OrdinalIgnoreCase) ? null : result.SearchedFor,
            matchedAllWords = result.MatchedAllWords,
        });
    }

    private static int? Number(ValidationErrors errors, string field, string? text, int? fallback, int min, int max, string message)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(field, message);
        return fallback;
    }

    private static bool? Flag(ValidationErrors errors, string field, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (bool.TryParse(text.Trim(), out var value))
        {
            return value;
        }

        errors.Add(field, $"{field} must be true or false.");
        return null;
    }

    private static async Task<IResult> GetService(Guid id, CatalogueSearch search, CancellationToken ct)
    {
        var offer = await search.FindAsync(id, ct);
        if (offer is null)
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The service");
        }

        var snapshot = JsonSerializer.Deserialize<OfferSnapshot>(offer.Snapshot, Json)!;
        return Results.Ok(new
        {
            offer.Id, offer.Name, offer.Description, offer.ProviderId, offer.ProviderName, offer.ServiceType, offer.Needs, offer.MinAge, offer.MaxAge,
            offer.AreasServed, offer.Tier, offer.ProvisionArea, offer.BudgetEligible, offer.FromPricePence, offer.Free,
            snapshot.Eligibility, snapshot.HowToAccess, snapshot.CostOptions, snapshot.DeliveryModes, snapshot.ContactEmail, snapshot.ContactPhone,
            snapshot.Places, snapshot.TypicalWaitWeeks, snapshot.Locations, snapshot.SchoolsCanBuy, LastUpdated = offer.UpdatedAt,
        });
    }
}
