using Dapper;
using Marketplace.ServiceDefaults.Taxonomy;
using Npgsql;

namespace Marketplace.Commissioning.Features.Gaps;

/// <summary>What the gap table is asked for: optional need and age band, a period of whole months, and optionally one provision area or service type.</summary>
public sealed record GapFilter(string? Need, string? AgeBand, DateOnly From, DateOnly To, string? ProvisionArea, string? ServiceType);

/// <summary>A local authority and its region, as the DfE baseline names them.</summary>
public sealed class Place
{
    public string La { get; set; } = "";
    public string Name { get; set; } = "";
    public string RegionCode { get; set; } = "";
    public string RegionName { get; set; } = "";
}

/// <summary>The raw (unsuppressed) parts of one cell: never sent out as they are; see <see cref="GapRow"/>.</summary>
public sealed class CellFigures
{
    public string La { get; set; } = "";
    public string Need { get; set; } = "";
    public string AgeBand { get; set; } = "";
    public long Children { get; set; }
    public long Offers { get; set; }
    public long Places { get; set; }
    public long Searches { get; set; }
    public long UnmetSearches { get; set; }
    public long OrdersPlaced { get; set; }
    public long OrdersAccepted { get; set; }
    public long DeclinedForCapacity { get; set; }
    public long DeclinedOther { get; set; }
    public long OrdersDelivered { get; set; }
    public long OrdersInvoiced { get; set; }
    public long SpendPence { get; set; }
    public SortedDictionary<int, long> Waits { get; } = [];

    /// <summary>Children per place; with no places, every child counts as unplaced (children per one place).</summary>
    public double? ChildrenPerPlace => Children == 0 ? (Places == 0 ? null : 0) : (double)Children / Math.Max(Places, 1);

    public double? UnmetPer100Children => Searches == 0 ? null : 100.0 * UnmetSearches / Math.Max(Children, 1);

    public long Decisions => OrdersAccepted + DeclinedForCapacity + DeclinedOther;

    /// <summary>Share of the provider decisions (accepted or declined) that were declines for capacity, in per cent.</summary>
    public double? DeclineShare => Decisions == 0 ? null : 100.0 * DeclinedForCapacity / Decisions;

    /// <summary>Median whole weeks from placing to acceptance (the lower median of the week counts).</summary>
    public double? MedianWaitWeeks
    {
        get
        {
            var total = Waits.Values.Sum();
            if (total == 0)
            {
                return null;
            }

            long seen = 0;
            foreach (var (weeks, orders) in Waits)
            {
                seen += orders;
                if (seen * 2 >= total)
                {
                    return weeks;
                }
            }

            return Waits.Keys.Last();
        }
    }

    /// <summary>The parts the score ranks, each "higher is a bigger gap"; null when a part has no data.</summary>
    public double?[] ScoredParts => [ChildrenPerPlace, UnmetPer100Children, DeclineShare, MedianWaitWeeks];

    public double? Score { get; set; }

    public void Add(CellFigures other)
    {
        Children += other.Children; Offers += other.Offers; Places += other.Places; Searches += other.Searches;
        UnmetSearches += other.UnmetSearches; OrdersPlaced += other.OrdersPlaced; OrdersAccepted += other.OrdersAccepted;
        DeclinedForCapacity += other.DeclinedForCapacity; DeclinedOther += other.DeclinedOther; OrdersDelivered += other.OrdersDelivered; OrdersInvoiced += other.OrdersInvoiced;
        SpendPence += other.SpendPence;
        foreach (var (weeks, orders) in other.Waits)
        {
            Waits[weeks] = Waits.GetValueOrDefault(weeks) + orders;
        }
    }
}

/// <summary>
/// Works out the gap table (see docs/adr/0012-gap-score.md): for each LA x need x age band of a region, the
/// children (DfE baseline spread over age bands), supply (published offers serving them and their places), unmet
/// searches, declines for capacity and waits to acceptance in the period; each part's percentile among the region's
/// LAs for the same need and age band; and the score, the mean of those percentiles.
/// </summary>
public static class GapTable
{
    public static async Task<Place?> PlaceAsync(NpgsqlConnection connection, string la, CancellationToken ct) =>
        await connection.QuerySingleOrDefaultAsync<Place>(new CommandDefinition(
            "SELECT la, name, region_code, region_name FROM local_authorities WHERE la = @la", new { la }, cancellationToken: ct));

    public static async Task<IReadOnlyList<Place>> RegionAsync(NpgsqlConnection connection, string regionCode, CancellationToken ct) =>
        [.. await connection.QueryAsync<Place>(new CommandDefinition(
            "SELECT la, name, region_code, region_name FROM local_authorities WHERE region_code = @regionCode ORDER BY name", new { regionCode }, cancellationToken: ct))];

    /// <summary>Every cell of the given LAs, with each LA's score among them.</summary>
    public static async Task<List<CellFigures>> CellsAsync(NpgsqlConnection connection, IReadOnlyList<string> las, GapFilter filter, CancellationToken ct)
    {
        var needs = Needs(filter);
        var bands = Bands(filter);
        var cells = new Dictionary<(string, string, string), CellFigures>();
        foreach (var la in las)
        {
            foreach (var need in needs)
            {
                foreach (var band in bands)
                {
                    cells[(la, need, band)] = new CellFigures { La = la, Need = need, AgeBand = band };
                }
            }
        }

        var args = SupplyArgs(las, filter);
        var wide = filter.ProvisionArea is not null || filter.ServiceType is not null;
        var dimensions = wide ? "AND (@area = '' OR provision_area = @area) AND (@type = '' OR service_type = @type)" : "";

        foreach (var row in await connection.QueryAsync<CellFigures>(new CommandDefinition(
            """
            SELECT p.la, p.need, b.code AS age_band, round(p.plans * b.national_share)::bigint AS children
            FROM baseline_ehc_plans p CROSS JOIN age_bands b
            WHERE p.la = ANY(@las) AND p.need = ANY(@needs) AND b.code = ANY(@bands)
            """, args, cancellationToken: ct)))
        {
            cells[(row.La, row.Need, row.AgeBand)].Children = row.Children;
        }

        foreach (var row in await connection.QueryAsync<CellFigures>(new CommandDefinition(
            $"SELECT l.la, n.need, b.code AS age_band, count(*) AS offers, coalesce(sum(o.places), 0) AS places {SupplyFrom("JOIN unnest(@las) AS l(la) ON l.la = ANY(o.areas_served)")} GROUP BY 1, 2, 3",
            args, cancellationToken: ct)))
        {
            var cell = cells[(row.La, row.Need, row.AgeBand)];
            cell.Offers = row.Offers;
            cell.Places = row.Places;
        }

        // Searches that gave no age count in every age band of the need they asked for.
        foreach (var row in await connection.QueryAsync<CellFigures>(new CommandDefinition(
            $"""
            SELECT la, need, age_band, sum(searches) AS searches, sum(unmet_searches) AS unmet_searches, sum(orders_placed) AS orders_placed,
                   sum(orders_accepted) AS orders_accepted, sum(declined_for_capacity) AS declined_for_capacity, sum(declined_other) AS declined_other,
                   sum(orders_delivered) AS orders_delivered, sum(orders_invoiced) AS orders_invoiced, sum(spend_pence)::bigint AS spend_pence
            FROM {(wide ? "demand_by_month" : "gap_by_month")}
            WHERE la = ANY(@las) AND need = ANY(@needs) AND (age_band = ANY(@bands) OR age_band = '') AND month BETWEEN @from AND @to {dimensions}
            GROUP BY 1, 2, 3
            """, args, cancellationToken: ct)))
        {
            foreach (var band in row.AgeBand == "" ? bands : [row.AgeBand])
            {
                var cell = cells[(row.La, row.Need, band)];
                cell.Searches += row.Searches;
                cell.UnmetSearches += row.UnmetSearches;
                if (row.AgeBand != "")
                {
                    cell.OrdersPlaced = row.OrdersPlaced; cell.OrdersAccepted = row.OrdersAccepted;
                    cell.DeclinedForCapacity = row.DeclinedForCapacity; cell.DeclinedOther = row.DeclinedOther;
                    cell.OrdersDelivered = row.OrdersDelivered; cell.OrdersInvoiced = row.OrdersInvoiced; cell.SpendPence = row.SpendPence;
                }
            }
        }

        foreach (var row in await connection.QueryAsync<WaitRow>(new CommandDefinition(
            $"""
            SELECT la, need, age_band, wait_weeks, sum(orders) AS orders FROM {(wide ? "waits_by_month" : "gap_waits_by_month")}
            WHERE la = ANY(@las) AND need = ANY(@needs) AND age_band = ANY(@bands) AND month BETWEEN @from AND @to {dimensions}
            GROUP BY 1, 2, 3, 4
            """, args, cancellationToken: ct)))
        {
            cells[(row.La, row.Need, row.AgeBand)].Waits[row.WaitWeeks] = row.Orders;
        }

        var list = cells.Values.ToList();
        Score(list);
        return list;
    }

    /// <summary>Offers and places serving any of the LAs, each offer counted once, by need and age band.</summary>
    public static async Task<IReadOnlyDictionary<(string Need, string AgeBand), (long Offers, long Places)>> RegionSupplyAsync(
        NpgsqlConnection connection, IReadOnlyList<string> las, GapFilter filter, CancellationToken ct)
    {
        var rows = await connection.QueryAsync<CellFigures>(new CommandDefinition(
            $"SELECT n.need, b.code AS age_band, count(*) AS offers, coalesce(sum(o.places), 0) AS places {SupplyFrom("")} AND o.areas_served && @las GROUP BY 1, 2",
            SupplyArgs(las, filter), cancellationToken: ct));
        return rows.ToDictionary(r => (r.Need, r.AgeBand), r => (r.Offers, r.Places));
    }

    /// <summary>Published offers of providers not suspended, one row per need and age band each serves.</summary>
    private static string SupplyFrom(string joinLas) =>
        $"""
        FROM offers o {joinLas}
        CROSS JOIN LATERAL unnest(o.needs) AS n(need)
        JOIN age_bands b ON b.min_age <= o.max_age AND b.max_age >= o.min_age
        LEFT JOIN providers p ON p.provider_id = o.provider_id
        WHERE o.status = 'published' AND NOT coalesce(p.suspended, false)
          AND n.need = ANY(@needs) AND b.code = ANY(@bands)
          AND (@area = '' OR o.provision_area = @area) AND (@type = '' OR o.service_type = @type)
        """;

    private static object SupplyArgs(IReadOnlyList<string> las, GapFilter filter) => new
    {
        las = las.ToArray(), needs = Needs(filter), bands = Bands(filter), from = filter.From, to = filter.To,
        area = filter.ProvisionArea ?? "", type = filter.ServiceType ?? "",
    };

    private static string[] Needs(GapFilter filter) => filter.Need is { } n ? [n] : [.. SendTaxonomy.Needs.Keys];

    private static string[] Bands(GapFilter filter) => filter.AgeBand is { } b ? [b] : [.. SendTaxonomy.AgeBands.Select(a => a.Code)];

    /// <summary>
    /// Each part's percentile among the LAs with the same need and age band (the share of the others with a lower
    /// value, ties counting half), then the score: the mean of the parts that have data, 0 to 100.
    /// </summary>
    public static void Score(IReadOnlyList<CellFigures> cells)
    {
        foreach (var group in cells.GroupBy(c => (c.Need, c.AgeBand)))
        {
            var members = group.ToList();
            var parts = members.Select(c => c.ScoredParts).ToList();
            for (var i = 0; i < members.Count; i++)
            {
                var percentiles = new List<double>();
                for (var p = 0; p < parts[i].Length; p++)
                {
                    if (parts[i][p] is not { } value)
                    {
                        continue;
                    }

                    var others = parts.Where((_, j) => j != i).Select(x => x[p]).OfType<double>().ToList();
                    percentiles.Add(others.Count == 0 ? 50 : 100.0 * (others.Count(o => o < value) + 0.5 * others.Count(o => o == value)) / others.Count);
                }

                members[i].Score = percentiles.Count == 0 ? null : Math.Round(percentiles.Average(), 1);
            }
        }
    }

    public static double? Median(IEnumerable<double?> values)
    {
        var sorted = values.OfType<double>().Order().ToList();
        return sorted.Count == 0 ? null : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private sealed class WaitRow
    {
        public string La { get; set; } = "";
        public string Need { get; set; } = "";
        public string AgeBand { get; set; } = "";
        public int WaitWeeks { get; set; }
        public long Orders { get; set; }
    }
}
