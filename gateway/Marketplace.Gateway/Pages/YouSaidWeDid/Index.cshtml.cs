using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.YouSaidWeDid;

/// <summary>"You said, we did": choose a local authority, then one of the years it has published.</summary>
public sealed class IndexModel(ReviewClient review) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? La { get; set; }

    public IReadOnlyList<int>? Years { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (La is not null && LocalAuthorities.NorthWest.Contains(La))
        {
            var result = await review.PublishedYearsAsync(La, cancellationToken);
            Years = result.Value?.Years ?? [];
        }
    }
}
