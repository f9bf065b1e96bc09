using System.Text;
using Dapper;
using Marketplace.ServiceDefaults.Taxonomy;
using Npgsql;

namespace Marketplace.Catalogue.Features.Search;

public sealed record SearchFilters(
    string? Q = null,
    string? Need = null,
    int? Age = null,
    string? La = null,
    string? Tier = null,
    string? Area = null,
    string? ServiceType = null,
    bool? BudgetEligible = null,
    bool? Free = null,
    int? MinimumAge = null,
    int? MaximumAge = null,
    string Sort = "relevance",
    string? DeliveryMode = null,
    Guid? ProviderId = null,
    AgeBand? AgeBand = null,
    Near? Near = null);

/// <summary>A point and a radius in metres (WGS84): only offers delivered at a location within it match.</summary>
public sealed record Near(double Latitude, double Longitude, double Metres);

/// <summary>One result. Settable properties, not a positional record: Dapper passes PostgreSQL arrays to constructors as <see cref="Array"/>.</summary>
public class OfferListItem
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";
    public Guid ProviderId { get; set; }
    public string ProviderName { get; set; } = "";
    public string ServiceType { get; set; } = "";
    public string[] Needs { get; set; } = [];
    public int MinAge { get; set; }
    public int MaxAge { get; set; }
    public string[] AreasServed { get; set; } = [];
    public string Tier { get; set; } = "";
    public string ProvisionArea { get; set; } = "";
    public bool BudgetEligible { get; set; }
    public long? FromPricePence { get; set; }
    public bool Free { get; set; }
    public string[] DeliveryModes { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>'marketplace', or 'oruk:&lt;name&gt;' for a service imported from another directory's Open Referral feed.</summary>
    public string Source { get; set; } = "marketplace";
}

/// <param name="SearchedFor">The words actually searched for, after spelling correction (null without words).</param>
/// <param name="MatchedAllWords">False when no offer had every word and the search fell back to any of them.</param>
public sealed record SearchPage(
    IReadOnlyList<OfferListItem> Items,
    int Total,
    Dictionary<string, Dictionary<string, int>>? Facets = null,
    string? SearchedFor = null,
    bool MatchedAllWords = true);

/// <summary>
/// The one query behind the public search and the Open Referral API. Words are spelling-corrected against the
/// catalogue's own vocabulary (<see cref="SearchWords"/>), then matched with the stemmed full-text index; filters
/// narrow the visible offers (published, and not of a suspended provider), and only what is left is ranked: a
/// match in the name first, then in the service type, the description and the provider's name.
/// </summary>
/// Without a <see cref="SearchCache"/> (the benchmark's direct path) every query runs.
public sealed class CatalogueSearch(NpgsqlDataSource dataSource, SearchCache? cache = null)
{
    /// <summary>An offer the public may see: published, and its provider not suspended.</summary>
    public const string Visible =
        "o.status = 'published' AND NOT EXISTS (SELECT 1 FROM catalogue_providers p WHERE p.provider_id = o.provider_id AND p.suspended)";

    private const string Columns =
        "o.id, o.name, o.description, o.provider_id, o.provider_name, o.service_type, o.needs, o.min_age, o.max_age, o.areas_served, o.tier, " +
        "o.provision_area, o.budget_eligible, o.from_price_pence, o.free, o.delivery_modes, o.updated_at, o.source";

    /// <summary>The facets, each counted over the offers matching every filter except its own (so a chosen value's alternatives still show).</summary>
    public static readonly IReadOnlyList<string> FacetNames = ["need", "la", "tier", "area", "serviceType", "deliveryMode", "ageBand", "budgetEligible", "free"];

    public async Task<SearchPage> SearchAsync(SearchFilters filters, int page, int pageSize, CancellationToken ct, bool withFacets = false)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var queries = new Queries(connection, cache, cache is null ? 0 : await SearchCache.GenerationAsync(connection, ct));
        string? words = string.IsNullOrWhiteSpace(filters.Q) ? null : await SearchWords.CorrectAsync(connection, filters.Q.Trim(), ct);
        var result = await RunAsync(queries, filters, words, page, pageSize, withFacets, ct);
        if (result.Total == 0 && words is not null && SearchWords.Count(words) > 1)
        {
            var any = await RunAsync(queries, filters, SearchWords.AnyOf(words), page, pageSize, withFacets, ct);
            if (any.Total > 0)
            {
                return any with { SearchedFor = words, MatchedAllWords = false };
            }
        }

        return result with { SearchedFor = words };
    }

    /// <summary>The search's statements, through the cache when there is one, at the generation read when the search began.</summary>
    private sealed record Queries(NpgsqlConnection Connection, SearchCache? Cache, long Generation)
    {
        public async Task<IReadOnlyList<T>> RunAsync<T>(string sql, DynamicParameters parameters, CancellationToken ct) =>
            Cache is null
                ? (await Connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: ct))).ToList()
                : await Cache.QueryAsync<T>(Connection, Generation, sql, parameters, ct);
    }

    private static async Task<SearchPage> RunAsync(
        Queries queries, SearchFilters filters, string? words, int page, int pageSize, bool withFacets, CancellationToken ct)
    {
        var query = Build(filters, words);
        var parameters = query.Parameters;
        parameters.Add("limit", pageSize);
        parameters.Add("offset", (long)(page - 1) * pageSize);
        var order = filters.Sort == "name" || words is null
            ? "lower(o.name), o.id"
            : "ts_rank('{0.1, 0.2, 0.4, 1.0}', o.search, q.query) + ts_rank(o.name_search, q.query) DESC, lower(o.name), o.id";
        var from = words is null ? "catalogue_offers o" : "catalogue_offers o, (SELECT websearch_to_tsquery('english', @q) AS query) q";

        Dictionary<string, Dictionary<string, int>>? facets = null;
        int total;
        if (withFacets)
        {
            (facets, total) = await FacetsAsync(queries, query, from, ct);
        }
        else
        {
            total = (await queries.RunAsync<int>($"SELECT count(*)::int FROM {from} WHERE {query.Where}", parameters, ct))[0];
        }

        var items = total == 0
            ? []
            : await queries.RunAsync<OfferListItem>(
                $"SELECT {Columns} FROM {from} WHERE {query.Where} ORDER BY {order} LIMIT @limit OFFSET @offset", parameters, ct);
        return new SearchPage(items, total, facets);
    }

    /// <summary>
    /// The total and every facet's counts. The results are read once into <c>r</c>, where each facet with no value
    /// chosen is counted. A facet with a value chosen is counted over the offers matching every other filter, in a
    /// statement of its own: each narrows by its indexes first, and each is cached on its own, so the counts of
    /// the areas for "autism, age 7" are computed once however many areas' visitors ask for them.
    /// </summary>
    private static async Task<(Dictionary<string, Dictionary<string, int>> Facets, int Total)> FacetsAsync(
        Queries queries, BuiltQuery query, string from, CancellationToken ct)
    {
        string Where(string? except) =>
            string.Join(" AND ", query.FacetPredicates.Where(p => p.Key != except).Select(p => p.Value).Prepend(query.BaseWhere));
        var counted = FacetNames.Where(f => !query.FacetPredicates.ContainsKey(f)).Select(f => Count(f, "r o", "true"));
        var statements = new List<string>
        {
            $"""
            WITH r AS MATERIALIZED (
                SELECT o.needs, o.areas_served, o.tier, o.provision_area, o.service_type, o.delivery_modes, o.budget_eligible, o.free, o.min_age, o.max_age
                FROM {from} WHERE {Where(null)})
            SELECT 'total', '', count(*)::int FROM r
            {string.Concat(counted.Select(c => "\nUNION ALL " + c))}
            """,
        };
        statements.AddRange(FacetNames.Where(query.FacetPredicates.ContainsKey).Select(f => Count(f, from, Where(f))));
        var rows = new List<(string Facet, string Value, int Count)>();
        foreach (var sql in statements)
        {
            rows.AddRange(await queries.RunAsync<(string Facet, string Value, int Count)>(sql, query.Parameters, ct));
        }

        var facets = FacetNames.ToDictionary(f => f, _ => new Dictionary<string, int>(StringComparer.Ordinal));
        var total = 0;
        foreach (var row in rows)
        {
            if (row.Facet == "total")
            {
                total = row.Count;
            }
            else if (row.Count > 0 && row.Value.Length > 0)
            {
                facets[row.Facet][row.Value] = row.Count;
            }
        }

        return (facets, total);
    }

    private static readonly string AgeBandValues =
        string.Join(", ", SendTaxonomy.AgeBands.Select(b => $"('{b.Code}', {b.MinAge}, {b.MaxAge})"));

    /// <summary>One facet's counts over <paramref name="source"/> (aliased <c>o</c>) where <paramref name="where"/> holds.</summary>
    private static string Count(string facet, string source, string where) => facet switch
    {
        "need" => $"SELECT 'need', v, count(*)::int FROM {source}, unnest(o.needs) v WHERE {where} GROUP BY v",
        "la" => $"SELECT 'la', v, count(*)::int FROM {source}, unnest(o.areas_served) v WHERE {where} GROUP BY v",
        "deliveryMode" => $"SELECT 'deliveryMode', v, count(*)::int FROM {source}, unnest(o.delivery_modes) v WHERE {where} GROUP BY v",
        "tier" => $"SELECT 'tier', o.tier, count(*)::int FROM {source} WHERE {where} GROUP BY o.tier",
        "area" => $"SELECT 'area', o.provision_area, count(*)::int FROM {source} WHERE {where} GROUP BY o.provision_area",
        "serviceType" => $"SELECT 'serviceType', o.service_type, count(*)::int FROM {source} WHERE {where} GROUP BY o.service_type",
        "ageBand" => $"SELECT 'ageBand', b.code, count(*)::int FROM {source}, (VALUES {AgeBandValues}) AS b(code, lo, hi) " +
            $"WHERE o.min_age <= b.hi AND o.max_age >= b.lo AND {where} GROUP BY b.code",
        "budgetEligible" => $"SELECT 'budgetEligible', 'true', count(*)::int FROM {source} WHERE o.budget_eligible AND {where}",
        "free" => $"SELECT 'free', 'true', count(*)::int FROM {source} WHERE o.free AND {where}",
        _ => throw new ArgumentOutOfRangeException(nameof(facet), facet, "Not a facet."),
    };

    public async Task<CatalogueOffer?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<CatalogueOffer>(new CommandDefinition(
            $"SELECT {Columns}, o.snapshot::text AS snapshot, o.published_at FROM catalogue_offers o WHERE o.id = @id AND {Visible}",
            new { id }, cancellationToken: ct));
    }

    /// <summary>Metres from the search point to a location (haversine; null without coordinates).</summary>
    private static string Distance(string alias) =>
        $"6371000 * 2 * asin(sqrt(power(sin(radians({alias}.latitude - @nearLat) / 2), 2) + " +
        $"cos(radians(@nearLat)) * cos(radians({alias}.latitude)) * power(sin(radians({alias}.longitude - @nearLon) / 2), 2)))";

    /// <summary>Each place a visible offer is delivered (Open Referral's service_at_location), filtered like the search, by service name.</summary>
    public async Task<(IReadOnlyList<OfferAtLocation> Items, int Total)> SearchLocationsAsync(SearchFilters filters, int page, int pageSize, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        string? words = string.IsNullOrWhiteSpace(filters.Q) ? null : await SearchWords.CorrectAsync(connection, filters.Q.Trim(), ct);
        var query = Build(filters, words);
        var parameters = query.Parameters;
        parameters.Add("limit", pageSize);
        parameters.Add("offset", (long)(page - 1) * pageSize);
        var from = "catalogue_offers o JOIN catalogue_locations l ON l.offer_id = o.id" +
            (words is null ? "" : ", (SELECT websearch_to_tsquery('english', @q) AS query) q");
        var near = filters.Near is null ? "" : $" AND {Distance("l")} <= @nearMetres";
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT count(*) FROM {from} WHERE {query.Where}{near}", parameters, cancellationToken: ct));
        var items = total == 0
            ? []
            : (await connection.QueryAsync<OfferAtLocation>(new CommandDefinition(
                $"SELECT {Columns}, {LocationColumns} FROM {from} WHERE {query.Where}{near} ORDER BY lower(o.name), o.id, l.ordinal LIMIT @limit OFFSET @offset",
                parameters, cancellationToken: ct))).ToList();
        return (items, total);
    }

    /// <summary>One place a visible offer is delivered, with the offer's snapshot.</summary>
    public async Task<OfferAtLocation?> FindLocationAsync(Guid serviceAtLocationId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<OfferAtLocation>(new CommandDefinition(
            $"""
            SELECT {Columns}, o.snapshot::text AS snapshot, {LocationColumns}
            FROM catalogue_offers o JOIN catalogue_locations l ON l.offer_id = o.id
            WHERE l.id = @serviceAtLocationId AND {Visible}
            """, new { serviceAtLocationId }, cancellationToken: ct));
    }

    /// <summary>The places an offer is delivered, in the order its provider gave them.</summary>
    public async Task<IReadOnlyList<OfferLocationRow>> LocationsOfAsync(Guid offerId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<OfferLocationRow>(new CommandDefinition(
            "SELECT l.id AS service_at_location_id, l.location_id, l.address_line, l.town, l.postcode, l.latitude, l.longitude " +
            "FROM catalogue_locations l WHERE l.offer_id = @offerId ORDER BY l.ordinal", new { offerId }, cancellationToken: ct))).ToList();
    }

    private const string LocationColumns =
        "l.id AS service_at_location_id, l.location_id, l.address_line, l.town, l.postcode, l.latitude, l.longitude";

    private sealed record BuiltQuery(string BaseWhere, Dictionary<string, string> FacetPredicates, DynamicParameters Parameters)
    {
        public string Where => string.Join(" AND ", FacetPredicates.Values.Prepend(BaseWhere));
    }

    private static BuiltQuery Build(SearchFilters f, string? words)
    {
        var baseWhere = new StringBuilder(Visible);
        var facets = new Dictionary<string, string>(StringComparer.Ordinal);
        var p = new DynamicParameters();
        if (words is not null)
        {
            p.Add("q", words);
            baseWhere.Append(" AND o.search @@ q.query");
        }

        // Open Referral's minimum_age and maximum_age, as its API description words them: services whose minimum age is at
        // least the one given, and whose maximum age is at most the one given.
        if (f.MinimumAge is not null) { p.Add("minimumAge", f.MinimumAge); baseWhere.Append(" AND o.min_age >= @minimumAge"); }
        if (f.MaximumAge is not null) { p.Add("maximumAge", f.MaximumAge); baseWhere.Append(" AND o.max_age <= @maximumAge"); }
        if (f.AgeBand is not null)
        {
            p.Add("bandMin", f.AgeBand.MinAge);
            p.Add("bandMax", f.AgeBand.MaxAge);
            baseWhere.Append(" AND o.min_age <= @bandMax AND o.max_age >= @bandMin");
        }

        if (f.Near is not null)
        {
            p.Add("nearLat", f.Near.Latitude);
            p.Add("nearLon", f.Near.Longitude);
            p.Add("nearMetres", f.Near.Metres);
            baseWhere.Append($" AND EXISTS (SELECT 1 FROM catalogue_locations nl WHERE nl.offer_id = o.id AND {Distance("nl")} <= @nearMetres)");
        }
        if (f.ProviderId is not null) { p.Add("providerId", f.ProviderId); baseWhere.Append(" AND o.provider_id = @providerId"); }

        void Facet(string facet, string name, object? value, string predicate)
        {
            if (value is null) return;
            p.Add(name, value);
            facets[facet] = predicate;
        }

        Facet("need", "need", f.Need is null ? null : new[] { f.Need }, "o.needs @> @need");
        Facet("la", "la", f.La is null ? null : new[] { f.La }, "o.areas_served @> @la");
        Facet("deliveryMode", "deliveryMode", f.DeliveryMode is null ? null : new[] { f.DeliveryMode }, "o.delivery_modes @> @deliveryMode");
        // A child's age matches an offer whose range includes it.
        Facet("ageBand", "age", f.Age, "@age BETWEEN o.min_age AND o.max_age");
        Facet("tier", "tier", f.Tier, "o.tier = @tier");
        Facet("area", "area", f.Area, "o.provision_area = @area");
        Facet("serviceType", "serviceType", f.ServiceType, "o.service_type = @serviceType");
        if (f.BudgetEligible == true) facets["budgetEligible"] = "o.budget_eligible";
        if (f.Free == true) facets["free"] = "o.free";
        return new BuiltQuery(baseWhere.ToString(), facets, p);
    }
}

/// <summary>A place where an offer is delivered.</summary>
public class OfferLocationRow
{
    public Guid ServiceAtLocationId { get; set; }
    public Guid LocationId { get; set; }
    public string AddressLine { get; set; } = "";
    public string Town { get; set; } = "";
    public string Postcode { get; set; } = "";
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
}

/// <summary>An offer at one of its locations (Open Referral's service_at_location).</summary>
public sealed class OfferAtLocation : OfferListItem
{
    public Guid ServiceAtLocationId { get; set; }
    public Guid LocationId { get; set; }
    public string AddressLine { get; set; } = "";
    public string Town { get; set; } = "";
    public string Postcode { get; set; } = "";
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public string? Snapshot { get; set; }

    public OfferLocationRow Location => new()
    {
        ServiceAtLocationId = ServiceAtLocationId, LocationId = LocationId, AddressLine = AddressLine, Town = Town, Postcode = Postcode,
        Latitude = Latitude, Longitude = Longitude,
    };
}

/// <summary>One published offer with its full snapshot (JSON).</summary>
public sealed class CatalogueOffer : OfferListItem
{
    public string Snapshot { get; set; } = "";
    public DateTimeOffset? PublishedAt { get; set; }
}
