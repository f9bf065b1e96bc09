using System.Net;
using Marketplace.Gateway.Backend;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.YouSaidWeDid;

/// <summary>One LA's published summary of a year, as a page and (with the layout's print view) a printable report.</summary>
public sealed class YearModel(ReviewClient review) : PageModel
{
    public FeedbackSummary Summary { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string la, int year, CancellationToken cancellationToken)
    {
        var result = await review.PublishedSummaryAsync(la, year, cancellationToken);
        if (result.Status is HttpStatusCode.NotFound or HttpStatusCode.BadRequest || result.Value is null)
        {
            return NotFound();
        }

        Summary = result.Value;
        return Page();
    }
}
