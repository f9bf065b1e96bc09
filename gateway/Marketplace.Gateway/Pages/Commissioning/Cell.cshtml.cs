using Marketplace.Gateway.Backend;
using Microsoft.AspNetCore.Mvc;

namespace Marketplace.Gateway.Pages.Commissioning;

/// <summary>One need and age band: its parts beside the region's medians, its trend by month, and the offers behind it.</summary>
public sealed class CellModel(GapsClient gaps) : CommissioningPage
{
    public GapCell? Cell { get; private set; }
    public GapTrend? Trend { get; private set; }
    public IReadOnlyList<GapOffer> Offers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await TokenAsync() is not { } token)
        {
            return Challenge();
        }

        if (string.IsNullOrWhiteSpace(Need) || string.IsNullOrWhiteSpace(AgeBand))
        {
            return Redirect(Link("/commissioning"));
        }

        var table = await gaps.GapsAsync(Filters, null, token, cancellationToken);
        if (Refusal(table) is { } refusal)
        {
            return refusal;
        }

        if (Errors.Any)
        {
            return Page();
        }

        Cell = table.Value?.Rows.FirstOrDefault();
        var trend = await gaps.TrendAsync(Filters, token, cancellationToken);
        if (Refusal(trend) is { } trendRefusal)
        {
            return trendRefusal;
        }

        Trend = trend.Value;
        var offers = await gaps.OffersAsync(Filters, token, cancellationToken);
        if (Refusal(offers) is { } offersRefusal)
        {
            return offersRefusal;
        }

        Offers = offers.Value ?? [];
        return Page();
    }
}
