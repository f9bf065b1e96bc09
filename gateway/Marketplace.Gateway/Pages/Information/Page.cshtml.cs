using Marketplace.Gateway.Backend;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Information;

/// <summary>One information page of the Local Offer, written by the local authority (Markdown rendered safely by catalogue).</summary>
public sealed class InformationPageModel(CatalogueClient catalogue) : PageModel
{
    public InformationPageView Information { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        if (await catalogue.GetPageAsync(slug, cancellationToken) is not { } page)
        {
            return NotFound();
        }

        Information = page;
        return Page();
    }
}
