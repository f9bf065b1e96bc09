using Dapper;
using Marketplace.Catalogue.Features.Search;
using Marketplace.Onboarding.Demo;
using Marketplace.ServiceDefaults.Demo;
using Marketplace.ServiceDefaults.Taxonomy;
using Marketplace.Testing;
using Npgsql;
using NpgsqlTypes;

namespace Marketplace.Bench;

/// <summary>
/// Issue 3's search benchmark: a national-sized catalogue (300,000 offers across every local authority),
/// then the same mix of searches through the gateway's public API, through the search page, and straight
/// through <see cref="CatalogueSearch"/> on its own connection pool (the same SQL, no HTTP).
/// </summary>
public sealed class SearchBenchmark : Benchmark
{
    public override string Name => "search";

    public override string Description => "public search over 300,000 offers: gateway API and page against the same SQL direct";

    public override async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var offers = context.Option("offers", 300_000);
        var clients = context.Option("clients", 8);
        var requests = context.Option("requests", 4_000);
        var report = context.Report;
        var authorities = Authorities.All(MarketplaceSystem.RepositoryRoot());

        await using var dataSource = NpgsqlDataSource.Create(context.System.ConnectionString("catalogue"));
        BenchReport.Progress($"loading {offers:N0} offers across {authorities.Count} local authorities");
        var loading = System.Diagnostics.Stopwatch.StartNew();
        await LoadAsync(dataSource, offers, authorities, cancellationToken);
        loading.Stop();
        var searches = Mix(authorities, requests);
        // The search page offers only its own region's areas (any other code becomes "anywhere"), so its pass asks
        // for the deployment's areas: the same kinds of search, by the families the site serves.
        var pageSearches = Mix(DemoRegion.LocalAuthorities, requests);

        report.Line($"Catalogue: {offers:N0} offers loaded in {loading.Elapsed.TotalSeconds:0} s across {authorities.Count} local authorities "
            + $"(each serving 1–3), {DemoCatalogue.Templates.Count} kinds of service with varied names and descriptions. "
            + $"Each path runs the same {requests:N0} searches from {clients} concurrent clients after a warm-up: "
            + "a mix of words (some misspelt), need, age, area, tier, free and budget filters, and pages 1–3, every one with its facet counts. "
            + "The gateway runs the mix twice: the first pass meets an empty search cache, the second a warm one (the catalogue caches "
            + "answers until the catalogue next changes). The search page's pass runs the same kinds of search in the demo region's "
            + $"{DemoRegion.LocalAuthorities.Count} areas, the only ones its area list offers; it meets a cold cache for those.");
        report.Line();

        var search = new CatalogueSearch(dataSource);
        using var gateway = context.System.Gateway();
        async Task<bool> Direct(int _, int i)
        {
            var s = searches[i];
            await search.SearchAsync(s.Filters, s.Page, 20, cancellationToken, withFacets: true);
            return true;
        }

        async Task<bool> Api(int _, int i)
        {
            using var response = await gateway.GetAsync($"/api/catalogue/search?{searches[i].Query}", cancellationToken);
            await response.Content.CopyToAsync(Stream.Null, cancellationToken);
            return response.IsSuccessStatusCode;
        }

        async Task<bool> Page(int _, int i)
        {
            using var response = await gateway.GetAsync($"/search?{pageSearches[i].Query}", cancellationToken);
            await response.Content.CopyToAsync(Stream.Null, cancellationToken);
            return response.IsSuccessStatusCode;
        }

        // Direct first: it also brings the table into PostgreSQL's buffers, so the gateway's first pass is
        // cold only in the catalogue's own cache. Then the same mix again through the gateway, warm.
        BenchReport.Progress("direct SQL");
        var direct = await Load.RunAsync("direct SQL (Dapper, no cache)", clients, requests, Direct, cancellationToken);
        BenchReport.Progress("gateway API, first pass");
        var cold = await Load.RunAsync("gateway API, first pass", clients, requests, Api, cancellationToken);
        BenchReport.Progress("gateway API, second pass");
        var api = await Load.RunAsync("gateway API, second pass", clients, requests, Api, cancellationToken);
        // A change to the catalogue, then the same mix again: in between, the catalogue's warmer has computed the
        // statements asked most often again (Search:Warming, 100 by default), as it does after every change.
        BenchReport.Progress("a change, then the warmer");
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            await connection.ExecuteAsync("UPDATE catalogue_offers SET updated_at = now() WHERE id = (SELECT id FROM catalogue_offers ORDER BY id LIMIT 1)");
        }

        await Eventually.Async(() => Task.FromResult(context.System.RecentLog(500).Contains("Warmed ", StringComparison.Ordinal)),
            TimeSpan.FromMinutes(10), "the catalogue's warmer to finish");
        BenchReport.Progress("gateway API after the change");
        var changed = await Load.RunAsync("gateway API, after a change (the 100 most asked warmed)", clients, requests, Api, cancellationToken);
        BenchReport.Progress("gateway search page");
        var page = await Load.RunAsync("gateway /search page (HTML)", clients, requests, Page, cancellationToken);
        report.Latencies(direct, cold, api, changed, page);

        // The same run broken down by the kind of search, so a slow kind cannot hide in the mix.
        report.Line("Gateway API latency by kind of search, first and second pass:");
        report.Line();
        string Pair(IEnumerable<int> calls, double percentile)
        {
            var ids = calls.ToArray();
            LoadResult Of(LoadResult r) => r with { LatenciesMs = ids.Select(i => r.LatenciesMs[i]).ToArray() };
            return $"{BenchReport.F(Of(cold).Percentile(percentile))} | {BenchReport.F(Of(api).Percentile(percentile))}";
        }

        report.Table(
            ["kind", "searches", "p50 ms 1st", "p50 ms 2nd", "p95 ms 1st", "p95 ms 2nd", "p99 ms 1st", "p99 ms 2nd"],
            searches.Select((s, i) => (s.Kind, Call: i))
                .GroupBy(x => x.Kind)
                .OrderBy(g => g.Key)
                .Select(g => (IReadOnlyList<string>)
                [
                    g.Key, BenchReport.N(g.Count()), Pair(g.Select(x => x.Call), 50), Pair(g.Select(x => x.Call), 95), Pair(g.Select(x => x.Call), 99),
                ]));
        report.Line($"Goals (second pass): gateway p95 under 50 ms at {clients} clients ({(api.Percentile(95) < 50 ? "met" : "not met")}: {api.Percentile(95):0.0} ms); "
            + $"gateway throughput at least half of direct SQL ({(api.PerSecond >= direct.PerSecond / 2 ? "met" : "not met")}: {api.PerSecond / direct.PerSecond:0.00}).");
        report.Line();
    }

    private sealed record Search(string Kind, SearchFilters Filters, int Page, string Query);

    /// <summary>
    /// A deterministic mix that looks like the public's use: most searches pick an area (a parent searches where
    /// they live), many add a need or an age, some type words (a few misspelt), a few browse everything.
    /// </summary>
    private static List<Search> Mix(IReadOnlyList<(string Code, string Name)> authorities, int count)
    {
        var random = new Random(42);
        string[] words = ["speech therapy", "speach therapy", "autism", "short breaks", "dyslexia tuition", "physiotherapy", "sensory",
            "anxiety", "occupational therapy", "respite", "swimming", "travel training", "educational psychologist", "makaton", "deaf"];
        var needs = SendTaxonomy.Needs.Keys.ToArray();
        var tiers = SendTaxonomy.Tiers.Keys.ToArray();
        var list = new List<Search>(count);
        for (var i = 0; i < count; i++)
        {
            var roll = random.Next(100);
            var la = authorities[random.Next(authorities.Count)].Code;
            var (kind, filters) = roll switch
            {
                < 30 => ("area + need + age", new SearchFilters(La: la, Need: needs[random.Next(needs.Length)], Age: random.Next(0, 20))),
                < 50 => ("area + words", new SearchFilters(Q: words[random.Next(words.Length)], La: la)),
                < 62 => ("area only", new SearchFilters(La: la)),
                < 72 => ("words only", new SearchFilters(Q: words[random.Next(words.Length)])),
                < 80 => ("need + age, anywhere", new SearchFilters(Need: needs[random.Next(needs.Length)], Age: random.Next(0, 20))),
                < 88 => ("area + tier + free/budget", new SearchFilters(La: la, Tier: tiers[random.Next(tiers.Length)], Free: random.Next(2) == 0 ? true : null, BudgetEligible: random.Next(2) == 0 ? true : null)),
                < 95 => ("words + need + age", new SearchFilters(Q: words[random.Next(words.Length)], Need: needs[random.Next(needs.Length)], Age: random.Next(0, 20))),
                _ => ("browse everything", new SearchFilters()),
            };
            var page = random.Next(10) switch { < 7 => 1, < 9 => 2, _ => 3 };
            list.Add(new Search(kind, filters, page, QueryString(filters, page)));
        }

        return list;
    }

    private static string QueryString(SearchFilters f, int page)
    {
        var parts = new List<string>();
        void Add(string name, object? value)
        {
            if (value is not null) parts.Add($"{name}={Uri.EscapeDataString(value is bool b ? (b ? "true" : "false") : value.ToString()!)}");
        }

        Add("q", f.Q); Add("la", f.La); Add("need", f.Need); Add("age", f.Age); Add("tier", f.Tier); Add("free", f.Free); Add("budgetEligible", f.BudgetEligible);
        Add("page", page);
        return string.Join('&', parts);
    }

    /// <summary>Writes the offers straight into the catalogue's read model with COPY (the consumer's path is measured by the tests, not here).</summary>
    private static async Task LoadAsync(NpgsqlDataSource dataSource, int count, IReadOnlyList<(string Code, string Name)> authorities, CancellationToken ct)
    {
        var random = new Random(300_000);
        string[] qualifiers = ["", "", " for under-fives", " for teenagers", " (term time)", " (school holidays)", " at home", " in school", " online", " for young adults"];
        string[] extras = ["Small groups with a quiet room.", "Parents are welcome to stay.", "Evening and weekend sessions available.",
            "Staff are trained in Makaton and British Sign Language.", "Step-free access and a changing places toilet.", "Referral from a GP, SENCO or health visitor.",
            "We work closely with the child's school and family.", "Places fill quickly in the summer.", "Bilingual staff speak Urdu, Polish and Arabic."];
        var templates = DemoCatalogue.Templates;
        var prefixes = DemoCatalogue.ProviderPrefixes;
        var kinds = DemoCatalogue.ProviderKinds;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            await using var writer = await connection.BeginBinaryImportAsync(
                "COPY catalogue_offers (id, provider_id, version, status, name, description, provider_name, service_type, needs, provision_area, tier, " +
                "min_age, max_age, areas_served, delivery_modes, budget_eligible, free, from_price_pence, published_at, updated_at) FROM STDIN (FORMAT BINARY)", ct);
            var now = DateTimeOffset.UtcNow;
            for (var i = 0; i < count; i++)
            {
                var a = random.Next(authorities.Count);
                var (code, town) = authorities[a];
                var providerNumber = i / 8;
                var provider = $"{prefixes[providerNumber % prefixes.Count]} {town} {kinds[providerNumber % kinds.Count].Suffix}";
                var t = templates[random.Next(templates.Count)];
                var areas = new[] { code, authorities[(a + 1) % authorities.Count].Code, authorities[(a + authorities.Count - 1) % authorities.Count].Code }
                    .Take(1 + random.Next(3)).ToArray();
                var pence = t.Pence == 0 ? 0 : (long)Math.Round(t.Pence * (0.8 + random.NextDouble() * 0.4) / 100.0) * 100;
                await writer.StartRowAsync(ct);
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(new Guid(providerNumber, 0, 0, new byte[8]), NpgsqlDbType.Uuid, ct);
                await writer.WriteAsync(1, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync("published", NpgsqlDbType.Text, ct);
                await writer.WriteAsync(t.Name + qualifiers[random.Next(qualifiers.Length)], NpgsqlDbType.Text, ct);
                await writer.WriteAsync($"{t.About} {extras[random.Next(extras.Length)]} Delivered by {provider} in and around {town}.", NpgsqlDbType.Text, ct);
                await writer.WriteAsync(provider, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(t.ServiceType, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(t.Needs, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await writer.WriteAsync(t.Area, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(t.Tier, NpgsqlDbType.Text, ct);
                await writer.WriteAsync(t.MinAge, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(t.MaxAge, NpgsqlDbType.Integer, ct);
                await writer.WriteAsync(areas, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await writer.WriteAsync(t.Modes, NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
                await writer.WriteAsync(t.Budget, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(pence == 0, NpgsqlDbType.Boolean, ct);
                await writer.WriteAsync(pence, NpgsqlDbType.Bigint, ct);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
                await writer.WriteAsync(now, NpgsqlDbType.TimestampTz, ct);
            }

            await writer.CompleteAsync(ct);
        }

        await using var tail = await dataSource.OpenConnectionAsync(ct);
        await tail.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO catalogue_words (word)
            SELECT DISTINCT w FROM (SELECT DISTINCT name, provider_name, description FROM catalogue_offers) o,
                regexp_split_to_table(lower(o.name || ' ' || o.provider_name || ' ' || o.description), '[^[:alpha:]]+') w
            WHERE length(w) BETWEEN 3 AND 40
            ON CONFLICT DO NOTHING
            """, commandTimeout: 600, cancellationToken: ct));
        await tail.ExecuteAsync(new CommandDefinition("VACUUM ANALYZE catalogue_offers", commandTimeout: 600, cancellationToken: ct));
    }
}
