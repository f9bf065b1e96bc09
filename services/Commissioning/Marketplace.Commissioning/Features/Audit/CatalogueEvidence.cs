using System.Net.Http.Json;
using System.Text.Json;

namespace Marketplace.Commissioning.Features.Audit;

public sealed record EvidencePage(string Slug, string Title, DateOnly LastReviewed, IReadOnlyList<string> AuditAspects);

public sealed record EvidenceOffer(Guid Id, string Name);

/// <summary>
/// What the public Local Offer publishes, read from the catalogue over HTTP: its information pages (with their audit aspect
/// tags) and its search. Searches carry <c>X-Search-Purpose: audit</c> so the catalogue does not count them as a family's
/// search in the demand figures.
/// </summary>
public sealed class CatalogueEvidence(HttpClient http)
{
    public const string PurposeHeader = "X-Search-Purpose";

    public static readonly IReadOnlyList<string> OfferFilters = ["need", "tier", "area", "serviceType", "deliveryMode", "age", "budgetEligible", "free"];

    private sealed record PageList(IReadOnlyList<EvidencePage> Items);

    private sealed record SearchResult(IReadOnlyList<EvidenceOffer> Items, int Total);

    /// <summary>The information pages of <paramref name="localAuthority"/> and those that serve the whole region.</summary>
    public async Task<IReadOnlyList<EvidencePage>> PagesAsync(string localAuthority, CancellationToken ct) =>
        (await http.GetFromJsonAsync<PageList>($"/api/catalogue/pages?la={Uri.EscapeDataString(localAuthority)}", JsonSerializerOptions.Web, ct))?.Items ?? [];

    /// <summary>The number of published offers serving <paramref name="localAuthority"/> that match the filters, and the first few.</summary>
    public async Task<(int Total, IReadOnlyList<EvidenceOffer> Examples)> OffersAsync(string localAuthority, IReadOnlyDictionary<string, string> filters, CancellationToken ct)
    {
        var query = string.Join('&', filters.Append(new("la", localAuthority)).Append(new("pageSize", "5"))
            .Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}"));
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/catalogue/search?{query}");
        request.Headers.Add(PurposeHeader, "audit");
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
        var result = await response.Content.ReadFromJsonAsync<SearchResult>(JsonSerializerOptions.Web, ct);
        return (result?.Total ?? 0, result?.Items ?? []);
    }
}
