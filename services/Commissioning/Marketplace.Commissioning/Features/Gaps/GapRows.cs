using Marketplace.ServiceDefaults.Taxonomy;

namespace Marketplace.Commissioning.Features.Gaps;

/// <summary>The region's median of each part for the same need and age band (suppressed like any figure).</summary>
public sealed record RegionComparison(
    string Children, string Offers, string Places, string ChildrenPerPlace, string UnmetPer100Children, string DeclineSharePercent, string MedianWeeksToAcceptance);

/// <summary>
/// One cell of the gap table as it leaves the service: every figure about children or families is a string with
/// small numbers suppressed (see <see cref="Suppression"/>); offers and places are public supply and show as they are.
/// </summary>
public sealed record GapRow(
    string Area, string AreaName, string Need, string NeedName, string AgeBand,
    string Children, string Offers, string Places, string ChildrenPerPlace,
    string Searches, string UnmetSearches, string UnmetPer100Children,
    string OrdersPlaced, string OrdersAccepted, string DeclinedForCapacity, string DeclineSharePercent, string MedianWeeksToAcceptance,
    string Spend, double? Score, int? Rank, RegionComparison? Region);

/// <summary>The gap table of one LA (ranked, with its region's medians) or of a whole region (totals).</summary>
public sealed record GapReport(
    string Area, string AreaName, string RegionCode, string RegionName, string From, string To,
    string? ProvisionArea, string? ServiceType, IReadOnlyList<GapRow> Rows);

public static class GapRows
{
    public static GapRow Row(CellFigures c, string area, string areaName, RegionComparison? region, int? rank) => new(
        area, areaName, c.Need, SendTaxonomy.Needs.GetValueOrDefault(c.Need, c.Need), c.AgeBand,
        Suppression.Count(c.Children), c.Offers.ToString(), c.Places.ToString(),
        Suppression.Derived(c.ChildrenPerPlace, "0.0", c.Children),
        Suppression.Count(c.Searches), Suppression.Count(c.UnmetSearches),
        Suppression.Derived(c.UnmetPer100Children, "0.0", c.UnmetSearches, c.Children),
        Suppression.Count(c.OrdersPlaced), Suppression.Count(c.OrdersAccepted), Suppression.Count(c.DeclinedForCapacity),
        Suppression.Derived(c.DeclineShare, "0", c.DeclinedForCapacity, c.Decisions),
        Suppression.Derived(c.MedianWaitWeeks, "0", c.OrdersAccepted),
        Suppression.Pounds(c.SpendPence, c.OrdersInvoiced),
        c.Score, rank, region);

    /// <summary>One LA's cells, worst score first, each beside its region's medians.</summary>
    public static IReadOnlyList<GapRow> ForLocalAuthority(IReadOnlyList<CellFigures> regionCells, Place place)
    {
        var medians = regionCells.GroupBy(c => (c.Need, c.AgeBand)).ToDictionary(g => g.Key, g => new RegionComparison(
            Suppression.Count((long)Math.Round(GapTable.Median(g.Select(c => (double?)c.Children)) ?? 0)),
            F(GapTable.Median(g.Select(c => (double?)c.Offers)), "0.#"),
            F(GapTable.Median(g.Select(c => (double?)c.Places)), "0.#"),
            F(GapTable.Median(g.Select(c => c.ChildrenPerPlace)), "0.0"),
            F(GapTable.Median(g.Select(c => c.UnmetPer100Children)), "0.0"),
            F(GapTable.Median(g.Select(c => c.DeclineShare)), "0"),
            F(GapTable.Median(g.Select(c => c.MedianWaitWeeks)), "0.#")));
        var own = regionCells.Where(c => c.La == place.La)
            .OrderByDescending(c => c.Score ?? -1).ThenBy(c => c.Need, StringComparer.Ordinal).ThenBy(c => BandOrder(c.AgeBand))
            .ToList();
        return [.. own.Select((c, i) => Row(c, place.La, place.Name, medians[(c.Need, c.AgeBand)], c.Score is null ? null : i + 1))];
    }

    /// <summary>The region's totals per need and age band: no LA's own figures.</summary>
    /// <param name="supply">Offers and places serving any LA of the region, each offer once.</param>
    public static IReadOnlyList<GapRow> ForRegion(IReadOnlyList<CellFigures> regionCells, IReadOnlyDictionary<(string Need, string AgeBand), (long Offers, long Places)> supply,
        string regionCode, string regionName) =>
        [.. regionCells.GroupBy(c => (c.Need, c.AgeBand))
            .Select(g =>
            {
                var total = new CellFigures { La = regionCode, Need = g.Key.Need, AgeBand = g.Key.AgeBand };
                foreach (var c in g)
                {
                    total.Add(c);
                }

                (total.Offers, total.Places) = supply.GetValueOrDefault(g.Key);
                return total;
            })
            .OrderBy(c => c.Need, StringComparer.Ordinal).ThenBy(c => BandOrder(c.AgeBand))
            .Select(c => Row(c, regionCode, regionName, null, null))];

    public static int BandOrder(string band) => SendTaxonomy.AgeBands.ToList().FindIndex(b => b.Code == band);

    private static string F(double? value, string format) => Suppression.Derived(value, format);
}
