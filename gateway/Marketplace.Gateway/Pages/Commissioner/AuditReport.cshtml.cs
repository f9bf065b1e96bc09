using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Provider;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Commissioner;

/// <summary>The regional report across LAs, as a page (printable with the layout's print view) and as CSV (<c>/commissioner/audit/report/csv</c>).</summary>
[Authorize(Roles = AuditPages.Role)]
public sealed class AuditReportModel(ReviewClient review) : PageModel
{
    public AuditReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await review.ReportAsync(token, cancellationToken);
        if (OnboardingPages.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        if (result.Value is null)
        {
            throw new BackendUnavailableException(Backends.Commissioning, $"answered {(int)result.Status} to the regional report");
        }

        Report = result.Value;
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await review.ReportCsvAsync(token, cancellationToken);
        if (OnboardingPages.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        if (result.Value is null)
        {
            throw new BackendUnavailableException(Backends.Commissioning, $"answered {(int)result.Status} to the CSV export");
        }

        Response.Headers.CacheControl = "private, no-store";
        return File(result.Value, "text/csv; charset=utf-8", "local-offer-audit.csv");
    }

    public static string Share(int part, int total) => total == 0 ? "0%" : $"{Math.Round(100.0 * part / total)}%";
}
