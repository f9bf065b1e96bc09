using System.Text.Json;
using Marketplace.Contracts.Onboarding;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Taxonomy;

namespace Marketplace.Catalogue.Features.Search;

/// <summary>The public Local Offer search and service pages' data. Open to everyone.</summary>
public static class SearchApi
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapSearchApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/catalogue").AllowAnonymous();
        api.MapGet("/search", Search);
        api.MapGet("/services/{id:guid}", GetService);
        return app;
    }

    private static async Task<IResult> Search(
        CatalogueSearch search, CancellationToken ct,
        string? q = null, string? need = null, int? age = null, string? la = null, string? tier = null, string? area = null,
        string? serviceType = null, bool? budgetEligible = null, bool? free = null, string? sort = null, int page = 1, int pageSize = 20)
    {
        var errors = new ValidationErrors()
            .Require(need is null || SendTaxonomy.Needs.ContainsKey(need), "need", $"Use a need code: {string.Join(", ", SendTaxonomy.Needs.Keys)}.")
            .Require(age is null or >= 0 and <= 25, "age", "Age must be from 0 to 25.")
            .Require(la is null || SendTaxonomy.IsLocalAuthorityCode(la), "la", "Use an ONS local authority code such as E08000010.")
            .Require(tier is null || SendTaxonomy.Tiers.ContainsKey(tier), "tier", "Use universal, targeted or specialist.")
            .Require(area is null || SendTaxonomy.ProvisionAreas.ContainsKey(area), "area", "Use education, health or social-care.")
            .Require(serviceType is null || SendTaxonomy.ServiceTypes.ContainsKey(serviceType), "serviceType", "Use a known service type.")
            .Require(sort is null or "relevance" or "name", "sort", "Sort by relevance or name.")
            .Require(page >= 1, "page", "Page must be 1 or more.")
            .Require(pageSize is >= 1 and <= 100, "pageSize", "Page size must be from 1 to 100.")
            .Require(q is null || q.Length <= 200, "q", "Search words must be 200 characters or fewer.");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var filters = await search.CorrectSpellingAsync(new SearchFilters(q, need, age, la, tier, area, serviceType, budgetEligible, free, Sort: sort ?? "relevance"), ct);
        var result = await search.SearchAsync(filters, page, pageSize, ct);
        var facets = await search.FacetsAsync(filters, ct);
        // When a misspelling was corrected, say what was searched for ("Showing results for ...").
        var searchedFor = string.Equals(filters.Q, q?.Trim(), StringComparison.OrdinalIgnoreCase) ? null : filters.Q;
        return Results.Ok(new { items = result.Items, total = result.Total, page, pageSize, facets, searchedFor });
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
