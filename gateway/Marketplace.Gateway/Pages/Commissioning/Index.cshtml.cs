using Marketplace.Gateway.Backend;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Gateway.Pages.Commissioning;

/// <summary>The commissioner's dashboard: the worst gaps of their LA as a chart and a table, every cell, filters and CSV.</summary>
public sealed class IndexModel(GapsClient gaps) : CommissioningPage
{
    public GapTableResult? Table { get; private set; }

    public IReadOnlyList<GapCell> Worst => Table?.Rows.Where(r => r.Score is not null).Take(10).ToList() ?? [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await TokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await gaps.GapsAsync(Filters, null, token, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        Table = result.Value;
        return Page();
    }

    /// <summary><c>/commissioning/csv</c>: the same table in CSV, as commissioning writes it.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (await TokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await gaps.GapsCsvAsync(Filters, null, token, cancellationToken);
        if (Refusal(result) is { } refusal)
        {
            return refusal;
        }

        if (result.Value is null)
        {
            return RedirectToPage();
        }

        Response.Headers.CacheControl = "private, no-store";
        return File(result.Value.Content, "text/csv; charset=utf-8", result.Value.FileName ?? "gaps.csv");
    }
}
