using Marketplace.Gateway.Backend;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Gateway.Pages.Commissioning;

/// <summary>The commissioner's region as totals per need and age band (no other authority's own figures), and its CSV.</summary>
public sealed class RegionModel(GapsClient gaps) : CommissioningPage
{
    public GapTableResult? Own { get; private set; }
    public GapTableResult? Table { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await TokenAsync() is not { } token)
        {
            return Challenge();
        }

        // The commissioner's own table says which region they belong to.
        var own = await gaps.GapsAsync(Filters, null, token, cancellationToken);
        if (Refusal(own) is { } refusal)
        {
            return refusal;
        }

        Own = own.Value;
        if (Own is null || Own.RegionCode == "")
        {
            return Page();
        }

        var region = await gaps.GapsAsync(Filters, Own.RegionCode, token, cancellationToken);
        if (Refusal(region) is { } regionRefusal)
        {
            return regionRefusal;
        }

        Table = region.Value;
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(string region, CancellationToken cancellationToken)
    {
        if (await TokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await gaps.GapsCsvAsync(Filters, region, token, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (result.Value is null)
        {
            return RedirectToPage();
        }

        Response.Headers.CacheControl = "private, no-store";
        return File(result.Value.Content, "text/csv; charset=utf-8", result.Value.FileName ?? "region-gaps.csv");
    }
}
