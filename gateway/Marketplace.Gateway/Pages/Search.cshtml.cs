using System.Globalization;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Marketplace.Gateway.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;

namespace Marketplace.Gateway.Pages;

/// <summary>The Local Offer search: a GET form, so every result page has an address to share, bookmark and print.</summary>
public sealed class SearchModel(CatalogueClient catalogue) : PageModel
{
    public const int PageSize = 20;
    private static readonly string[] FieldOrder = ["q", "need", "age", "postcode", "miles", "la", "serviceType", "area", "tier", "deliveryMode", "free", "sort"];

    public static readonly IReadOnlyList<Option> Distances = [.. new[] { 1, 3, 5, 10, 25 }.Select(m => new Option($"{m}", m == 1 ? "1 mile" : $"{m} miles"))];

    public static readonly IReadOnlyList<Option> SortOrders = [new("relevance", "Best match"), new("name", "Name (A to Z)")];

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Need { get; set; }
    [BindProperty(SupportsGet = true)] public string? Age { get; set; }
    [BindProperty(SupportsGet = true)] public string? La { get; set; }
    [BindProperty(SupportsGet = true)] public string? Area { get; set; }
    [BindProperty(SupportsGet = true)] public string? Tier { get; set; }
    [BindProperty(SupportsGet = true)] public string? ServiceType { get; set; }
    [BindProperty(SupportsGet = true)] public string? DeliveryMode { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true)] public string? Postcode { get; set; }
    [BindProperty(SupportsGet = true)] public string? Miles { get; set; }
    [BindProperty(SupportsGet = true)] public bool Free { get; set; }
    [BindProperty(SupportsGet = true)] public bool BudgetEligible { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public string? PageNumberText { get; set; }

    public int PageNumber { get; private set; } = 1;
    public SearchResults? Results { get; private set; }
    public FormErrors Errors { get; } = new(FieldOrder);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        PageNumber = int.TryParse(PageNumberText, NumberStyles.None, CultureInfo.InvariantCulture, out var page) && page > 0 ? page : 1;
        int? age = null;
        if (!string.IsNullOrWhiteSpace(Age))
        {
            if (int.TryParse(Age.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var years) && years <= 25)
            {
                age = years;
            }
            else
            {
                Errors.Add("age", "Age must be a whole number of years from 0 to 25");
            }
        }

        // A code the lists do not know (an old link, a typing error) is dropped rather than refused.
        Need = Taxonomy.Needs.Contains(Need) ? Need : null;
        La = LocalAuthorities.NorthWest.Contains(La) ? La : null;
        Area = Taxonomy.ProvisionAreas.Contains(Area) ? Area : null;
        Tier = Taxonomy.Tiers.Contains(Tier) ? Tier : null;
        ServiceType = Taxonomy.ServiceTypes.Contains(ServiceType) ? ServiceType : null;
        DeliveryMode = Taxonomy.DeliveryModes.Contains(DeliveryMode) ? DeliveryMode : null;
        Sort = SortOrders.Contains(Sort) ? Sort : null;
        Postcode = string.IsNullOrWhiteSpace(Postcode) ? null : Postcode.Trim();
        Miles = Postcode is not null && Distances.Contains(Miles) ? Miles : null;

        if (Errors.Any)
        {
            return Page();
        }

        var outcome = await catalogue.SearchAsync(
            new SearchQuery(Q, Need, age, La, Tier, Area, BudgetEligible, Free, PageNumber, PageSize, ServiceType, DeliveryMode, Sort, Postcode,
                Miles is null ? null : int.Parse(Miles, CultureInfo.InvariantCulture)), cancellationToken);
        if (outcome.Refused is { } refused)
        {
            foreach (var (key, messages) in refused.Errors ?? [])
            {
                var field = FieldOrder.FirstOrDefault(f => string.Equals(f, key, StringComparison.OrdinalIgnoreCase)) ?? "";
                Errors.Add(field, messages.FirstOrDefault() ?? refused.Describe());
            }

            if (!Errors.Any)
            {
                Errors.Add("", refused.Describe());
            }

            return Page();
        }

        Results = outcome.Results;
        return Page();
    }

    /// <summary>This search's address for another page of results.</summary>
    public string PageUrl(int page) => SearchUrl(page, null);

    /// <summary>
    /// For a search that found nothing: one link per filter in use, each the same search without that filter, so a
    /// family can widen the search one step at a time.
    /// </summary>
    public IReadOnlyList<(string Text, string Url)> WideningLinks()
    {
        var links = new List<(string, string)>();
        void Offer(string key, string? value, string text)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                links.Add((text, SearchUrl(1, key)));
            }
        }

        Offer("q", Q, $"search without the words ‘{Q}’");
        Offer("need", Need, $"any need, not just {Taxonomy.Needs.TextFor(Need).ToLowerInvariant()}");
        Offer("age", Age, "any age");
        Offer("postcode", Postcode, "anywhere, not just near the postcode");
        Offer("la", La, $"any area, not just {LocalAuthorities.NameOf(La!)}");
        Offer("serviceType", ServiceType, "any kind of service");
        Offer("area", Area, "any type of support");
        Offer("tier", Tier, "any level of support");
        Offer("deliveryMode", DeliveryMode, "delivered in any way");
        Offer("free", Free ? "true" : null, "paid services too");
        Offer("budgetEligible", BudgetEligible ? "true" : null, "services a personal budget cannot pay for too");
        return links;
    }

    private string SearchUrl(int page, string? without)
    {
        var query = new Dictionary<string, string?>
        {
            ["q"] = Q, ["need"] = Need, ["age"] = Age, ["la"] = La, ["area"] = Area, ["tier"] = Tier,
            ["serviceType"] = ServiceType, ["deliveryMode"] = DeliveryMode, ["sort"] = Sort, ["postcode"] = Postcode, ["miles"] = Miles,
            ["free"] = Free ? "true" : null, ["budgetEligible"] = BudgetEligible ? "true" : null,
            ["page"] = page.ToString(CultureInfo.InvariantCulture),
        };
        if (without is not null)
        {
            query.Remove(without);
            if (without == "postcode")
            {
                query.Remove("miles");
            }
        }

        return QueryHelpers.AddQueryString("/search", query.Where(q => !string.IsNullOrWhiteSpace(q.Value)));
    }

    /// <summary>The page numbers to link to: the first, the last and those around the current one; null for a gap.</summary>
    public IReadOnlyList<int?> PageLinks()
    {
        var count = Results?.PageCount ?? 1;
        var links = new List<int?>();
        for (var page = 1; page <= count; page++)
        {
            if (page == 1 || page == count || Math.Abs(page - PageNumber) <= 1)
            {
                links.Add(page);
            }
            else if (links.Count > 0 && links[^1] is not null)
            {
                links.Add(null);
            }
        }

        return links;
    }

    /// <summary>The options of a filter, each with the number of results it would give (from the search's facet counts).</summary>
    public IReadOnlyList<Option> Counted(IReadOnlyList<Option> options, string facet) =>
        Results?.Facets is null
            ? options
            : [.. options.Select(o => new Option(o.Value, $"{o.Text} ({Results.Count(facet, o.Value) ?? 0})"))];

    public static string Ages(int min, int max) => min == max ? $"{min} years" : $"{min} to {max} years";

    public static string Needs(IReadOnlyList<string> needs) =>
        needs.Count == 0 ? "Any need" : string.Join(", ", needs.Select(Taxonomy.Needs.TextFor));

    public static string Cost(ServiceSummary service) =>
        service.Free ? "Free" : service.FromPricePence is { } pence ? "From " + Money.Format(pence) : "Ask the provider";

    public static string Shorten(string? text, int length = 240)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Length <= length)
        {
            return text ?? "";
        }

        var cut = text.LastIndexOf(' ', length);
        return text[..(cut > 0 ? cut : length)].TrimEnd(',', '.', ';', ':') + "…";
    }
}
