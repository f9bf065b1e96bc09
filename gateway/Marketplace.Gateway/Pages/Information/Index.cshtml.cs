using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Information;

/// <summary>
/// The information pages of the Local Offer, A to Z: every page, or one area's own pages with those for the whole
/// region (<c>?la=</c>, an area of this deployment; anything else shows every page).
/// </summary>
public sealed class IndexModel(CatalogueClient catalogue) : PageModel
{
    public IReadOnlyList<InformationPageSummary> Pages { get; private set; } = [];

    [BindProperty(SupportsGet = true)] public string? La { get; set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        La = LocalAuthorities.NorthWest.Any(o => o.Value == La) ? La : null;
        Pages = await catalogue.ListPagesAsync(La, cancellationToken);
    }
}
