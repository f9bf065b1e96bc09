using System.Globalization;
using System.Security.Claims;
using System.Text;
using CsvHelper;
using Dapper;
using Marketplace.Commissioning.Features.Demand;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Security;
using Marketplace.ServiceDefaults.Taxonomy;
using Npgsql;

namespace Marketplace.Commissioning.Features.Gaps;

/// <summary>
/// The gap table for commissioners (<c>GET /api/commissioning/gaps</c>, JSON or CSV), its trend by month, the offers
/// behind a cell, and the rollup rebuild. A commissioner reads their own LA's cells, and their region only as totals
/// and medians (docs/adr/0013-commissioning-figures-by-local-authority.md); every figure is suppressed on the way out.
/// </summary>
public static class GapsApi
{
    public static IEndpointRouteBuilder MapGapsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/commissioning").RequireAuthorization(p => p.RequireRole(MarketplaceRoles.Commissioner));
        group.MapGet("/gaps", Gaps);
        group.MapGet("/gaps/trend", Trend);
        group.MapGet("/gaps/offers", Offers);
        group.MapPost("/rollups/rebuild", async (NpgsqlDataSource db, CancellationToken ct) => Results.Ok(await Rollups.RebuildAsync(db, ct)));
        return app;
    }

    /// <summary>The query string every view shares.</summary>
    public sealed record GapQuery(string? La, string? Region, string? Need, string? AgeBand, string? From, string? To, string? ProvisionArea, string? ServiceType);

    private static GapQuery Query(HttpRequest r)
    {
        string? Q(string name) => r.Query[name].FirstOrDefault() is { Length: > 0 } v ? v.Trim() : null;
        return new(Q("la"), Q("region"), Q("need"), Q("ageBand"), Q("from"), Q("to"), Q("provisionArea"), Q("serviceType"));
    }

    /// <summary>Checks the query; on success the filter and the place asked about (an LA, or a region when <c>region</c> is given).</summary>
    private static async Task<(GapFilter? Filter, Place? Place, IReadOnlyList<Place> Region, IResult? Refusal)> ScopeAsync(
        GapQuery q, ClaimsPrincipal user, NpgsqlConnection connection, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        errors.Require(q.La is null || SendTaxonomy.IsLocalAuthorityCode(q.La), "la", "Give the local authority as its ONS code, for example E08000003");
        errors.Require(q.Need is null || SendTaxonomy.Needs.ContainsKey(q.Need), "need", $"Choose a need from {string.Join(", ", SendTaxonomy.Needs.Keys)}");
        errors.Require(q.AgeBand is null || SendTaxonomy.AgeBands.Any(b => b.Code == q.AgeBand), "ageBand", $"Choose an age band from {string.Join(", ", SendTaxonomy.AgeBands.Select(b => b.Code))}");
        errors.Require(q.ProvisionArea is null || SendTaxonomy.ProvisionAreas.ContainsKey(q.ProvisionArea), "provisionArea", $"Choose a provision area from {string.Join(", ", SendTaxonomy.ProvisionAreas.Keys)}");
        errors.Require(q.ServiceType is null || SendTaxonomy.ServiceTypes.ContainsKey(q.ServiceType), "serviceType", "Choose a service type from the Local Offer's list");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var to = Month(q.To, "to", errors) ?? new DateOnly(today.Year, today.Month, 1);
        var from = Month(q.From, "from", errors) ?? to.AddMonths(-11);
        errors.Require(from <= to, "from", "The first month must not be after the last month");
        errors.Require(from >= to.AddMonths(-59), "from", "Ask for 60 months or fewer");
        if (errors.Any)
        {
            return (null, null, [], errors.ToResult());
        }

        var own = user.LocalAuthority();
        if (own is null || (q.La is not null && q.La != own))
        {
            return (null, null, [], Forbidden("A commissioner reads their own local authority's figures, and other authorities only within their region's totals."));
        }

        var place = await GapTable.PlaceAsync(connection, own, ct) ?? new Place { La = own, Name = own, RegionCode = "", RegionName = "" };
        if (q.Region is not null && q.Region != place.RegionCode)
        {
            return (null, null, [], Forbidden("A commissioner reads their own region's totals only."));
        }

        var region = place.RegionCode == "" ? [place] : await GapTable.RegionAsync(connection, place.RegionCode, ct);
        // Months are stored as their first day: the period runs from the first day of "from" to the first day of "to".
        return (new GapFilter(q.Need, q.AgeBand, from, to, q.ProvisionArea, q.ServiceType), place, region, null);
    }

    private static DateOnly? Month(string? value, string field, ValidationErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
        {
            return month;
        }

        errors.Add(field, $"Give {field} as a year and month, for example 2026-04");
        return null;
    }

    private static IResult Forbidden(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your local authority's figures", detail: detail);

    private static async Task<IResult> Gaps(HttpRequest request, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var q = Query(request);
        await using var connection = await db.OpenConnectionAsync(ct);
        var (filter, place, region, refusal) = await ScopeAsync(q, user, connection, clock, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var (f, p, las) = (filter!, place!, region.Select(r => r.La).ToList());
        var cells = await GapTable.CellsAsync(connection, las, f, ct);
        var rows = q.Region is not null
            ? GapRows.ForRegion(cells, await GapTable.RegionSupplyAsync(connection, las, f, ct), p.RegionCode, p.RegionName)
            : GapRows.ForLocalAuthority(cells, p);
        var report = new GapReport(q.Region ?? p.La, q.Region is not null ? p.RegionName : p.Name, p.RegionCode, p.RegionName,
            f.From.ToString("yyyy-MM", CultureInfo.InvariantCulture), f.To.ToString("yyyy-MM", CultureInfo.InvariantCulture),
            f.ProvisionArea, f.ServiceType, rows);
        return WantsCsv(request) ? Csv(report) : Results.Ok(report);
    }

    private static bool WantsCsv(HttpRequest request) => request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase);

    private static readonly string[] CsvHeader =
    [
        "area", "area_name", "need", "need_name", "age_band", "children", "offers", "places", "children_per_place", "searches", "unmet_searches",
        "unmet_per_100_children", "orders_placed", "orders_accepted", "declined_for_capacity", "decline_share_percent",
        "median_weeks_to_acceptance", "spend_pounds", "score", "rank", "region_median_children", "region_median_offers", "region_median_places",
        "region_median_children_per_place", "region_median_unmet_per_100_children", "region_median_decline_share_percent",
        "region_median_weeks_to_acceptance", "from", "to",
    ];

    private static IResult Csv(GapReport report)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        using (var csv = CsvWriter.Create(writer, new CsvWriterOptions(), true))
        {
            foreach (var header in CsvHeader)
            {
                csv.WriteField(header);
            }

            csv.EndRecord();
            foreach (var r in report.Rows)
            {
                var m = r.Region;
                foreach (var field in new[]
                {
                    r.Area, r.AreaName, r.Need, r.NeedName, r.AgeBand, r.Children, r.Offers, r.Places, r.ChildrenPerPlace, r.Searches, r.UnmetSearches,
                    r.UnmetPer100Children, r.OrdersPlaced, r.OrdersAccepted, r.DeclinedForCapacity, r.DeclineSharePercent, r.MedianWeeksToAcceptance,
                    r.Spend, r.Score?.ToString("0.0", CultureInfo.InvariantCulture) ?? "", r.Rank?.ToString(CultureInfo.InvariantCulture) ?? "",
                    m?.Children ?? "", m?.Offers ?? "", m?.Places ?? "", m?.ChildrenPerPlace ?? "", m?.UnmetPer100Children ?? "",
                    m?.DeclineSharePercent ?? "", m?.MedianWeeksToAcceptance ?? "", report.From, report.To,
                })
                {
                    csv.WriteField(field);
                }

                csv.EndRecord();
            }
        }

        var name = $"gaps-{report.Area}-{report.From}-to-{report.To}.csv";
        return Results.File(Encoding.UTF8.GetBytes(writer.ToString()), "text/csv; charset=utf-8", name);
    }

    /// <summary>One month of an LA's demand beside its region's total (suppressed).</summary>
    public sealed record TrendMonth(string Month, string Searches, string UnmetSearches, string OrdersPlaced, string OrdersAccepted,
        string DeclinedForCapacity, string Spend, string RegionSearches, string RegionUnmetSearches, string RegionOrdersPlaced, string RegionDeclinedForCapacity);

    public sealed record CellTrend(string La, string LaName, string? Need, string? AgeBand, IReadOnlyList<TrendMonth> Months);

    private sealed class MonthRow
    {
        public DateOnly Month { get; set; }
        public bool Own { get; set; }
        public long Searches { get; set; }
        public long UnmetSearches { get; set; }
        public long OrdersPlaced { get; set; }
        public long OrdersAccepted { get; set; }
        public long DeclinedForCapacity { get; set; }
        public long OrdersDelivered { get; set; }
        public long OrdersInvoiced { get; set; }
        public long SpendPence { get; set; }
    }

    private static async Task<IResult> Trend(HttpRequest request, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var q = Query(request);
        await using var connection = await db.OpenConnectionAsync(ct);
        var (filter, place, region, refusal) = await ScopeAsync(q with { Region = null }, user, connection, clock, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        // An order counts in every need and age band its offer serves, so only one cell's months add up.
        var cellErrors = new ValidationErrors()
            .Require(q.Need is not null, "need", "Choose the need of the cell whose trend you want")
            .Require(q.AgeBand is not null, "ageBand", "Choose the age band of the cell whose trend you want");
        if (cellErrors.Any)
        {
            return cellErrors.ToResult();
        }

        var f = filter!;
        var wide = f.ProvisionArea is not null || f.ServiceType is not null;
        // Searches without an age count under any age band asked for, as in the gap table.
        var rows = (await connection.QueryAsync<MonthRow>(new CommandDefinition(
            $"""
            SELECT month, la = @own AS own, sum(searches) AS searches, sum(unmet_searches) AS unmet_searches, sum(orders_placed) AS orders_placed,
                   sum(orders_accepted) AS orders_accepted, sum(declined_for_capacity) AS declined_for_capacity,
                   sum(orders_delivered) AS orders_delivered, sum(orders_invoiced) AS orders_invoiced, sum(spend_pence)::bigint AS spend_pence
            FROM {(wide ? "demand_by_month" : "gap_by_month")}
            WHERE la = ANY(@las) AND month BETWEEN @from AND @to
              AND need = @need AND (age_band = @band OR age_band = '')
              {(wide ? "AND (@area = '' OR provision_area = @area) AND (@type = '' OR service_type = @type)" : "")}
            GROUP BY 1, 2
            """,
            new
            {
                own = place!.La, las = region.Select(r => r.La).ToArray(), from = f.From, to = f.To, need = f.Need ?? "", band = f.AgeBand ?? "",
                area = f.ProvisionArea ?? "", type = f.ServiceType ?? "",
            }, cancellationToken: ct))).ToList();

        var months = new List<TrendMonth>();
        for (var month = f.From; month <= f.To; month = month.AddMonths(1))
        {
            var own = rows.FirstOrDefault(r => r.Month == month && r.Own) ?? new MonthRow();
            var all = rows.Where(r => r.Month == month).ToList();
            months.Add(new TrendMonth(month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                Suppression.Count(own.Searches), Suppression.Count(own.UnmetSearches), Suppression.Count(own.OrdersPlaced),
                Suppression.Count(own.OrdersAccepted), Suppression.Count(own.DeclinedForCapacity), Suppression.Pounds(own.SpendPence, own.OrdersInvoiced),
                Suppression.Count(all.Sum(r => r.Searches)), Suppression.Count(all.Sum(r => r.UnmetSearches)),
                Suppression.Count(all.Sum(r => r.OrdersPlaced)), Suppression.Count(all.Sum(r => r.DeclinedForCapacity))));
        }

        return Results.Ok(new CellTrend(place.La, place.Name, f.Need, f.AgeBand, months));
    }

    /// <summary>A published offer serving a cell: public facts only (the same the Local Offer shows).</summary>
    public sealed class CellOffer
    {
        public Guid OfferId { get; set; }
        public string Name { get; set; } = "";
        public string ProviderName { get; set; } = "";
        public string ServiceType { get; set; } = "";
        public string ProvisionArea { get; set; } = "";
        public string Tier { get; set; } = "";
        public int MinAge { get; set; }
        public int MaxAge { get; set; }
        public int? Places { get; set; }
        public int? TypicalWaitWeeks { get; set; }
    }

    private static async Task<IResult> Offers(HttpRequest request, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var q = Query(request);
        await using var connection = await db.OpenConnectionAsync(ct);
        var (filter, place, _, refusal) = await ScopeAsync(q with { Region = null }, user, connection, clock, ct);
        if (refusal is not null)
        {
            return refusal;
        }

        var offers = await connection.QueryAsync<CellOffer>(new CommandDefinition(
            """
            SELECT o.offer_id, o.name, o.provider_name, o.service_type, o.provision_area, o.tier, o.min_age, o.max_age, o.places, o.typical_wait_weeks
            FROM offers o
            LEFT JOIN providers p ON p.provider_id = o.provider_id
            WHERE o.status = 'published' AND NOT coalesce(p.suspended, false) AND @la = ANY(o.areas_served)
              AND (@need = '' OR @need = ANY(o.needs))
              AND (@band = '' OR EXISTS (SELECT 1 FROM age_bands b WHERE b.code = @band AND b.min_age <= o.max_age AND b.max_age >= o.min_age))
              AND (@area = '' OR o.provision_area = @area) AND (@type = '' OR o.service_type = @type)
            ORDER BY o.name
            """,
            new { la = place!.La, need = filter!.Need ?? "", band = filter.AgeBand ?? "", area = filter.ProvisionArea ?? "", type = filter.ServiceType ?? "" },
            cancellationToken: ct));
        return Results.Ok(offers);
    }
}
