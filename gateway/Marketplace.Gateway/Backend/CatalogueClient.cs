using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketplace.Gateway.Backend;

/// <summary>The filters of a Local Offer search, named as catalogue's query string names them.</summary>
public sealed record SearchQuery(
    string? Q = null,
    string? Need = null,
    int? Age = null,
    string? La = null,
    string? Tier = null,
    string? Area = null,
    bool BudgetEligible = false,
    bool Free = false,
    int Page = 1,
    int PageSize = 20,
    string? ServiceType = null,
    string? DeliveryMode = null,
    string? Sort = null,
    string? Postcode = null,
    int? Miles = null)
{
    public Dictionary<string, string?> ToQueryString()
    {
        var query = new Dictionary<string, string?>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query[name] = value.Trim();
            }
        }

        Add("q", Q);
        Add("need", Need);
        Add("age", Age?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("la", La);
        Add("tier", Tier);
        Add("area", Area);
        Add("serviceType", ServiceType);
        Add("deliveryMode", DeliveryMode);
        Add("sort", Sort);
        Add("postcode", Postcode);
        Add("miles", Miles?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("budgetEligible", BudgetEligible ? "true" : null);
        Add("free", Free ? "true" : null);
        Add("page", Page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Add("pageSize", PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return query;
    }
}

public sealed record ServiceSummary
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public string? ProviderName { get; init; }
    public string? ServiceType { get; init; }
    public IReadOnlyList<string> Needs { get; init; } = [];
    public int MinAge { get; init; }
    public int MaxAge { get; init; }
    public IReadOnlyList<string> AreasServed { get; init; } = [];
    public string? Tier { get; init; }
    public string? ProvisionArea { get; init; }
    public bool BudgetEligible { get; init; }
    public long? FromPricePence { get; init; }
    public bool Free { get; init; }
}

public sealed record SearchResults
{
    public IReadOnlyList<ServiceSummary> Items { get; init; } = [];
    public int Total { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
    public Dictionary<string, Dictionary<string, int>>? Facets { get; init; }

    /// <summary>The words searched for when catalogue corrected a misspelling; null otherwise.</summary>
    public string? SearchedFor { get; init; }

    /// <summary>False when no service had every word, and the results have some of them.</summary>
    public bool MatchedAllWords { get; init; } = true;

    /// <summary>How many results choosing <paramref name="value"/> of <paramref name="facet"/> would give, with the other filters kept.</summary>
    public int? Count(string facet, string value) =>
        Facets is not null && Facets.TryGetValue(facet, out var counts) ? counts.GetValueOrDefault(value) : null;

    public int PageCount => PageSize <= 0 ? 1 : Math.Max(1, (Total + PageSize - 1) / PageSize);
}

public sealed record CostOptionView(string? Label, long AmountPence, string? Unit);

public sealed record ServiceDetails
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string? Description { get; init; }
    public string? ProviderName { get; init; }
    public string? ServiceType { get; init; }
    public IReadOnlyList<string> Needs { get; init; } = [];
    public int MinAge { get; init; }
    public int MaxAge { get; init; }
    public IReadOnlyList<string> AreasServed { get; init; } = [];
    public string? Tier { get; init; }
    public string? ProvisionArea { get; init; }
    public bool BudgetEligible { get; init; }
    public long? FromPricePence { get; init; }
    public bool Free { get; init; }
    public string? Eligibility { get; init; }
    public string? HowToAccess { get; init; }
    public IReadOnlyList<CostOptionView> CostOptions { get; init; } = [];
    public IReadOnlyList<string> DeliveryModes { get; init; } = [];
    public string? ContactEmail { get; init; }
    public string? ContactPhone { get; init; }
    public DateTimeOffset? LastUpdated { get; init; }
}

/// <summary>A Local Offer section or audit aspect a page covers.</summary>
public sealed record LabelledCode(string Code, string Label);

public sealed record InformationPageSummary
{
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Summary { get; init; }
    public int Version { get; init; }
    public DateOnly LastReviewed { get; init; }

    /// <summary>The LA whose officer wrote the page; null when it serves the whole region.</summary>
    public string? LocalAuthority { get; init; }
}

public sealed record InformationPageView
{
    public string Slug { get; init; } = "";
    public string Title { get; init; } = "";
    public string? Summary { get; init; }
    public int Version { get; init; }
    public DateOnly LastReviewed { get; init; }
    public IReadOnlyList<LabelledCode> Sections { get; init; } = [];
    public IReadOnlyList<LabelledCode> AuditAspects { get; init; } = [];

    /// <summary>The page's Markdown as HTML, made safe by catalogue (no raw HTML from authors, safe links only).</summary>
    public string Html { get; init; } = "";
}

internal sealed record InformationPageList(IReadOnlyList<InformationPageSummary> Items);

/// <summary>What a search came back with: results, or the filters catalogue refused.</summary>
public sealed record SearchOutcome(SearchResults? Results, Problem? Refused);

/// <summary>The public Local Offer read model (catalogue), through the back channel.</summary>
public sealed class CatalogueClient(HttpClient http)
{
    public async Task<SearchOutcome> SearchAsync(SearchQuery query, CancellationToken cancellationToken)
    {
        var uri = QueryHelpers.AddQueryString("/api/catalogue/search", query.ToQueryString());
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await BackendCall.SendAsync(http, Backends.Catalogue, request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.BadRequest)
        {
            return new SearchOutcome(null, await BackendCall.ReadProblemAsync(response, cancellationToken));
        }

        EnsureSuccess(response);
        return new SearchOutcome(await BackendCall.ReadAsync<SearchResults>(response, Backends.Catalogue, cancellationToken), null);
    }

    /// <summary>The published service, or null when catalogue does not know it.</summary>
    public async Task<ServiceDetails?> GetServiceAsync(Guid id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/catalogue/services/{id}");
        using var response = await BackendCall.SendAsync(http, Backends.Catalogue, request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone or HttpStatusCode.BadRequest)
        {
            return null;
        }

        EnsureSuccess(response);
        return await BackendCall.ReadAsync<ServiceDetails>(response, Backends.Catalogue, cancellationToken);
    }

    /// <param name="localAuthority">When given, only that LA's pages and the region's.</param>
    public async Task<IReadOnlyList<InformationPageSummary>> ListPagesAsync(string? localAuthority, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            localAuthority is null ? "/api/catalogue/pages" : $"/api/catalogue/pages?la={Uri.EscapeDataString(localAuthority)}");
        using var response = await BackendCall.SendAsync(http, Backends.Catalogue, request, cancellationToken);
        EnsureSuccess(response);
        return (await BackendCall.ReadAsync<InformationPageList>(response, Backends.Catalogue, cancellationToken)).Items;
    }

    /// <summary>The information page at this address, or null when there is none.</summary>
    public async Task<InformationPageView?> GetPageAsync(string slug, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/catalogue/pages/{Uri.EscapeDataString(slug)}");
        using var response = await BackendCall.SendAsync(http, Backends.Catalogue, request, cancellationToken);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            return null;
        }

        EnsureSuccess(response);
        return await BackendCall.ReadAsync<InformationPageView>(response, Backends.Catalogue, cancellationToken);
    }

    private static void EnsureSuccess(HttpResponseMessage response)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new BackendUnavailableException(Backends.Catalogue, $"answered {(int)response.StatusCode}");
        }
    }
}
