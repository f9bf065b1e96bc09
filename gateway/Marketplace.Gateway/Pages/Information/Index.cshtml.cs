using Marketplace.Gateway.Backend;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Information;

/// <summary>Every information page of the Local Offer, A to Z.</summary>
public sealed class IndexModel(CatalogueClient catalogue) : PageModel
{
    public IReadOnlyList<InformationPageSummary> Pages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Pages = await catalogue.ListPagesAsync(cancellationToken);
}
