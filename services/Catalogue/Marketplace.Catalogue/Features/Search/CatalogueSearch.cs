using System.Text;
using Dapper;
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
    string Sort = "relevance");

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
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed record SearchPage(IReadOnlyList<OfferListItem> Items, int Total);

/// <summary>
/// The one query behind the public search and the Open Referral API: filters narrow the published offers
/// first (indexed), then words rank what is left — stemmed full text, with a trigram match on names and
/// service types so that a misspelling ("speach therapy") still finds the service.
/// </summary>
public sealed class CatalogueSearch(NpgsqlDataSource dataSource)
{
    private const string Columns =
        "id, name, description, provider_id, provider_name, service_type, needs, min_age, max_age, areas_served, tier, provision_area, " +
        "budget_eligible, from_price_pence, free, updated_at";

    /// <summary>
    /// Replaces each search word the Local Offer never uses with the closest word it does use (trigram
    /// similarity over <c>catalogue_words</c>), so "speach therapy" searches for "speech therapy".
    /// </summary>
    public async Task<SearchFilters> CorrectSpellingAsync(SearchFilters filters, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(filters.Q))
        {
            return filters;
        }

        var words = filters.Q.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length > 12 || words.Any(w => !w.All(char.IsAsciiLetter)))
        {
            return filters; // phrases, operators and long queries are left as the person typed them
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var corrected = await connection.QueryAsync<(int Ordinal, string Word)>(new CommandDefinition(
            """
            SELECT q.ordinal::int, coalesce(
                (SELECT w.word FROM catalogue_words w WHERE w.word = q.word),
                (SELECT w.word FROM catalogue_words w WHERE length(q.word) >= 4 AND w.word % q.word ORDER BY similarity(w.word, q.word) DESC, w.word LIMIT 1),
                q.word)
            FROM unnest(@words::text[]) WITH ORDINALITY AS q(word, ordinal)
            ORDER BY q.ordinal
            """, new { words = words.Select(w => w.ToLowerInvariant()).ToArray() }, cancellationToken: ct));
        return filters with { Q = string.Join(' ', corrected.Select(c => c.Word)) };
    }

    public async Task<SearchPage> SearchAsync(SearchFilters filters, int page, int pageSize, CancellationToken ct)
    {
        var (where, parameters) = Where(filters);
        parameters.Add("limit", pageSize);
        parameters.Add("offset", (page - 1) * pageSize);
        var order = filters.Sort == "name" || string.IsNullOrWhiteSpace(filters.Q)
            ? "lower(name), id"
            : "ts_rank(search, websearch_to_tsquery('english', @q)) DESC, word_similarity(@q, name) DESC, lower(name), id";
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var total = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            $"SELECT count(*) FROM catalogue_offers WHERE {where}", parameters, cancellationToken: ct));
        var items = await connection.QueryAsync<OfferListItem>(new CommandDefinition(
            $"SELECT {Columns} FROM catalogue_offers WHERE {where} ORDER BY {order} LIMIT @limit OFFSET @offset", parameters, cancellationToken: ct));
        return new SearchPage(items.ToList(), total);
    }

    /// <summary>Counts per value of each filter over the offers that match the current filters.</summary>
    public async Task<Dictionary<string, Dictionary<string, int>>> FacetsAsync(SearchFilters filters, CancellationToken ct)
    {
        var (where, parameters) = Where(filters);
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var rows = await connection.QueryAsync<(string Facet, string Value, int Count)>(new CommandDefinition(
            $"""
            WITH matched AS (SELECT needs, tier, provision_area, service_type, areas_served FROM catalogue_offers WHERE {where})
            SELECT 'need', n, count(*)::int FROM matched, unnest(needs) n GROUP BY n
            UNION ALL SELECT 'tier', tier, count(*)::int FROM matched GROUP BY tier
            UNION ALL SELECT 'area', provision_area, count(*)::int FROM matched GROUP BY provision_area
            UNION ALL SELECT 'serviceType', service_type, count(*)::int FROM matched GROUP BY service_type
            UNION ALL SELECT 'la', a, count(*)::int FROM matched, unnest(areas_served) a GROUP BY a
            """, parameters, cancellationToken: ct));
        var facets = new Dictionary<string, Dictionary<string, int>>
        {
            ["need"] = [], ["tier"] = [], ["area"] = [], ["serviceType"] = [], ["la"] = [],
        };
        foreach (var row in rows)
        {
            facets[row.Facet][row.Value] = row.Count;
        }

        return facets;
    }

    public async Task<CatalogueOffer?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<CatalogueOffer>(new CommandDefinition(
            $"SELECT {Columns}, snapshot::text AS snapshot, published_at FROM catalogue_offers WHERE id = @id AND status = 'published'",
            new { id }, cancellationToken: ct));
    }

    private static (string Where, DynamicParameters Parameters) Where(SearchFilters f)
    {
        var sql = new StringBuilder("status = 'published'");
        var p = new DynamicParameters();
        if (!string.IsNullOrWhiteSpace(f.Q))
        {
            p.Add("q", f.Q.Trim());
            sql.Append(" AND (search @@ websearch_to_tsquery('english', @q) OR word_similarity(@q, search_text) >= 0.5)");
        }

        void Equal(string column, string name, object? value)
        {
            if (value is null) return;
            p.Add(name, value);
            sql.Append($" AND {column} = @{name}");
        }

        if (f.Need is not null) { p.Add("need", new[] { f.Need }); sql.Append(" AND needs @> @need"); }
        if (f.La is not null) { p.Add("la", new[] { f.La }); sql.Append(" AND areas_served @> @la"); }
        if (f.Age is not null) { p.Add("age", f.Age); sql.Append(" AND @age BETWEEN min_age AND max_age"); }
        // Open Referral semantics: the service's range overlaps the requested one.
        if (f.MinimumAge is not null) { p.Add("minimumAge", f.MinimumAge); sql.Append(" AND max_age >= @minimumAge"); }
        if (f.MaximumAge is not null) { p.Add("maximumAge", f.MaximumAge); sql.Append(" AND min_age <= @maximumAge"); }
        Equal("tier", "tier", f.Tier);
        Equal("provision_area", "area", f.Area);
        Equal("service_type", "serviceType", f.ServiceType);
        if (f.BudgetEligible == true) sql.Append(" AND budget_eligible");
        if (f.Free == true) sql.Append(" AND free");
        return (sql.ToString(), p);
    }
}

/// <summary>One published offer with its full snapshot (JSON).</summary>
public sealed class CatalogueOffer : OfferListItem
{
    public string Snapshot { get; set; } = "";
    public DateTimeOffset? PublishedAt { get; set; }
}
