using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using Dapper;
using Marketplace.Contracts.Purchasing;
using Npgsql;
using static Marketplace.Bench.BenchReport;

namespace Marketplace.Bench;

/// <summary>
/// <c>./marketplace bench dashboard [--orders N] [--searches N] [--offers N] [--requests N] [--lag-events N] [--rate N]</c>:
/// fills commissioning's store directly in PostgreSQL (generate_series, not the broker) with orders and searches
/// across every LA of the DfE baseline, rebuilds the rollups, then times the gap table through the gateway for one
/// LA and for its region, and the lag from <c>OrderPlaced</c> to the rollups at a steady rate published through
/// purchasing's outbox relay and the broker.
/// </summary>
public sealed class DashboardBenchmark : Benchmark
{
    public override string Name => "dashboard";

    public override string Description => "commissioning gap table for one LA and a region over 1M orders and 5M searches; OrderPlaced-to-dashboard lag at 500/s";

    public override async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var orders = context.Option("orders", 1_000_000);
        var searches = context.Option("searches", 5_000_000);
        var offers = context.Option("offers", 5_000);
        var requests = context.Option("requests", 200);
        var lagEvents = context.Option("lag-events", 5_000);
        var rate = context.Option("rate", 500);
        var system = context.System;
        var report = context.Report;

        await using var commissioning = NpgsqlDataSource.Create(system.ConnectionString("commissioning"));
        var las = await WaitForBaselineAsync(commissioning, cancellationToken);
        Progress($"generating {N(offers)} offers, {N(orders)} orders and {N(searches)} searches across {las} LAs");
        var generate = Stopwatch.StartNew();
        await GenerateAsync(commissioning, offers, orders, searches, cancellationToken);
        generate.Stop();

        Progress("rebuilding the rollups");
        var rebuild = await RebuildAsync(system, cancellationToken);
        report.Line($"Data: {N(offers)} offers, {N(orders)} orders (with their acceptances, declines, deliveries and invoices) and {N(searches)} searches across {las} LAs, generated in {F(generate.Elapsed.TotalSeconds)} s; rollups rebuilt from scratch in {F(rebuild / 1000.0)} s.");
        report.Line();

        var token = await system.TokenAsync("commissioner@demo.localoffer.test");
        using var http = system.Gateway();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        async Task<bool> Get(string path) => (await http.GetAsync(path, cancellationToken)).IsSuccessStatusCode;

        Progress("timing the gap tables");
        await Get("/api/commissioning/gaps");
        await Get("/api/commissioning/gaps?region=E12000002");
        // One commissioner at a time (the goal: a region's table under 200 ms), then four at once on the two cores.
        var la = await Load.RunAsync("gap table, one LA (Manchester, ranked within its 24-LA region), 1 client", 1, requests, (_, _) => Get("/api/commissioning/gaps"), cancellationToken);
        var region = await Load.RunAsync("gap table, region totals (North West, 24 LAs), 1 client", 1, requests, (_, _) => Get("/api/commissioning/gaps?region=E12000002"), cancellationToken);
        var la4 = await Load.RunAsync("gap table, one LA, 4 clients", 4, requests, (_, _) => Get("/api/commissioning/gaps"), cancellationToken);
        var region4 = await Load.RunAsync("gap table, region totals, 4 clients", 4, requests, (_, _) => Get("/api/commissioning/gaps?region=E12000002"), cancellationToken);
        var csv = await Load.RunAsync("gap table CSV, one LA, 1 client", 1, requests / 2, async (_, _) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/commissioning/gaps");
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
            return (await http.SendAsync(request, cancellationToken)).IsSuccessStatusCode;
        }, cancellationToken);
        report.Latencies(la, region, la4, region4, csv);

        Progress($"publishing {N(lagEvents)} OrderPlaced at {rate}/s through purchasing's outbox");
        var (lags, written) = await MeasureLagAsync(system, commissioning, lagEvents, rate, cancellationToken);
        report.Table(["OrderPlaced to the rollups", "events", "target per second", "written per second", "counted", "p50 ms", "p95 ms", "p99 ms", "max ms"],
        [
            [
                "outbox insert (PlacedAt) to commissioning commit", N(lagEvents), N(rate), F(lagEvents / written.TotalSeconds), N(lags.Length),
                F(Pct(lags, 50)), F(Pct(lags, 95)), F(Pct(lags, 99)), F(lags.DefaultIfEmpty(double.NaN).Max()),
            ],
        ]);
    }

    private static double Pct(double[] values, double p)
    {
        if (values.Length == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    private static async Task<int> WaitForBaselineAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        for (var i = 0; i < 120; i++)
        {
            var count = await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM local_authorities");
            if (count >= 150)
            {
                return count;
            }

            await Task.Delay(500, ct);
        }

        throw new InvalidOperationException("The DfE baseline was not imported.");
    }

    /// <summary>Offers serving 1 to 3 LAs of one region, orders taking a step or several, searches; all in SQL.</summary>
    private static async Task GenerateAsync(NpgsqlDataSource db, int offers, int orders, int searches, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        async Task Run(string sql, object? args = null) =>
            await connection.ExecuteAsync(new CommandDefinition(sql, args, commandTimeout: 0, cancellationToken: ct));

        await Run("SET synchronous_commit = off");
        await Run(
            """
            CREATE TEMP TABLE bench_las AS SELECT row_number() OVER (ORDER BY la) - 1 AS i, la FROM local_authorities;
            CREATE TEMP TABLE bench_needs AS SELECT row_number() OVER () - 1 AS i, n AS need
                FROM unnest(ARRAY['ASD','HI','MLD','MSI','OTH','PD','PMLD','SEMH','SLCN','SLD','SPLD','VI']) AS n;
            CREATE TEMP TABLE bench_types AS SELECT row_number() OVER () - 1 AS i, t AS service_type
                FROM unnest(ARRAY['speech-and-language-therapy','occupational-therapy','physiotherapy','educational-psychology',
                    'camhs-and-mental-health','short-breaks-and-respite','tuition-and-specialist-teaching']) AS t;
            """);
        var laCount = await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM bench_las");
        await Run(
            """
            INSERT INTO offers (offer_id, provider_id, version, status, name, provider_name, service_type, needs, provision_area, tier,
                min_age, max_age, areas_served, places, typical_wait_weeks, published_at)
            SELECT gen_random_uuid(), gen_random_uuid(), 1, 'published', 'Bench offer ' || g, 'Bench provider', t.service_type,
                   ARRAY[(SELECT need FROM bench_needs WHERE i = g % 12), (SELECT need FROM bench_needs WHERE i = (g * 7 + 3) % 12)],
                   (ARRAY['education','health','social-care'])[1 + g % 3], 'targeted', a, least(25, a + 3 + g % 9),
                   ARRAY[(SELECT la FROM bench_las WHERE i = g % @laCount), (SELECT la FROM bench_las WHERE i = (g + 1) % @laCount)],
                   1 + g % 20, g % 12, now()
            FROM generate_series(1, @offers) AS g
            CROSS JOIN LATERAL (SELECT (g * 5) % 20 AS a) ages
            JOIN bench_types t ON t.i = g % 7
            """, new { offers, laCount });
        await Run("CREATE TEMP TABLE bench_offers AS SELECT row_number() OVER (ORDER BY offer_id) - 1 AS i, * FROM offers WHERE name LIKE 'Bench offer %'");
        await Run(
            """
            INSERT INTO orders (order_id, offer_id, la, needs, min_age, max_age, provision_area, service_type, amount_pence, placed_at,
                approved_at, accepted_at, declined_at, declined_for_capacity, cancelled_at, delivered_at, invoiced_at, invoiced_pence)
            SELECT gen_random_uuid(), o.offer_id, o.areas_served[1 + g % 2], o.needs, o.min_age, o.max_age, o.provision_area, o.service_type,
                   5000 + g % 90000, p.placed_at,
                   CASE WHEN g % 10 = 0 THEN p.placed_at + interval '2 days' END,
                   CASE WHEN g % 100 < 70 THEN p.placed_at + (g % 60) * interval '1 day' END,
                   CASE WHEN g % 100 >= 85 THEN p.placed_at + interval '3 days' END,
                   CASE WHEN g % 100 >= 85 THEN g % 2 = 0 END,
                   CASE WHEN g % 100 BETWEEN 70 AND 74 THEN p.placed_at + interval '5 days' END,
                   CASE WHEN g % 100 < 50 THEN p.placed_at + (60 + g % 30) * interval '1 day' END,
                   CASE WHEN g % 100 < 45 THEN p.placed_at + (70 + g % 30) * interval '1 day' END,
                   CASE WHEN g % 100 < 45 THEN 4000 + g % 90000 END
            FROM generate_series(1, @orders) AS g
            JOIN bench_offers o ON o.i = (g::bigint * 7919) % @offers
            CROSS JOIN LATERAL (SELECT date_trunc('month', now()) - interval '11 months' + (g % 330) * interval '1 day' AS placed_at) p
            """, new { orders, offers });
        await Run(
            """
            INSERT INTO searches (search_id, la, need, age, provision_area, service_type, result_count, performed_at)
            SELECT gen_random_uuid(), l.la, n.need, CASE WHEN g % 4 = 0 THEN NULL ELSE g % 26 END, '', '', g % 9,
                   date_trunc('month', now()) - interval '11 months' + (g % 330) * interval '1 day' + (g % 86400) * interval '1 second'
            FROM generate_series(1, @searches) AS g
            JOIN bench_las l ON l.i = (g * 31) % @laCount
            JOIN bench_needs n ON n.i = (g * 17) % 12
            """, new { searches, laCount });
        await Run("ANALYZE offers; ANALYZE orders; ANALYZE searches");
    }

    private static async Task<long> RebuildAsync(Marketplace.Testing.MarketplaceSystem system, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{system.Ports["commissioning"]}"), Timeout = TimeSpan.FromMinutes(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await system.TokenAsync("commissioner@demo.localoffer.test"));
        var response = await http.PostAsync("/api/commissioning/rollups/rebuild", null, ct);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct)).RootElement.GetProperty("elapsedMs").GetInt64();
    }

    /// <summary>
    /// Writes <c>OrderPlaced</c> rows into purchasing's outbox at the given rate (PlacedAt = the moment of writing);
    /// purchasing's relay publishes them through the broker and commissioning counts them. The lag of each is the
    /// time from PlacedAt to commissioning's insert of the order, in the transaction that updates the rollups. Each
    /// 50 ms tick writes its share in one statement; the time the writing took is returned, to give the rate reached.
    /// </summary>
    private static async Task<(double[] Lags, TimeSpan Written)> MeasureLagAsync(Marketplace.Testing.MarketplaceSystem system, NpgsqlDataSource commissioning, int events, int rate,
        CancellationToken ct)
    {
        await using var purchasing = NpgsqlDataSource.Create(system.ConnectionString("purchasing"));
        await using var c = await commissioning.OpenConnectionAsync(ct);
        var sample = (await c.QueryAsync<OfferSample>("SELECT offer_id AS offerid, areas_served[1] AS la FROM offers WHERE name LIKE 'Bench offer %' LIMIT 200")).ToList();
        var ids = new List<Guid>(events);
        var json = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        var tick = TimeSpan.FromMilliseconds(50);
        var perTick = Math.Max(1, rate / 20);
        var started = Stopwatch.StartNew();
        await using (var p = await purchasing.OpenConnectionAsync(ct))
        {
            for (var sent = 0; sent < events; sent += perTick)
            {
                var batch = Enumerable.Range(sent, Math.Min(perTick, events - sent)).Select(i =>
                {
                    var offer = sample[i % sample.Count];
                    var message = new OrderPlaced(Guid.CreateVersion7(), offer.OfferId, 1, Guid.NewGuid(), "speech-and-language-therapy", "school",
                        "school-account", null, null, offer.La, 1, 5_000, "placed", DateTimeOffset.UtcNow);
                    ids.Add(message.OrderId);
                    return (Id: Guid.CreateVersion7(), Body: JsonSerializer.Serialize(message, json));
                }).ToList();
                await p.ExecuteAsync(
                    "INSERT INTO outbox_messages (id, message_type, body) SELECT id, @type, body::jsonb FROM unnest(@ids, @bodies) AS b(id, body)",
                    new { type = typeof(OrderPlaced).FullName, ids = batch.Select(b => b.Id).ToArray(), bodies = batch.Select(b => b.Body).ToArray() });
                var due = tick * (sent / perTick + 1);
                if (due > started.Elapsed)
                {
                    await Task.Delay(due - started.Elapsed, ct);
                }
            }
        }

        var written = started.Elapsed;
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline && await c.ExecuteScalarAsync<int>("SELECT count(*) FROM orders WHERE order_id = ANY(@ids)", new { ids = ids.ToArray() }) < events)
        {
            await Task.Delay(500, ct);
        }

        double[] lags = [.. await c.QueryAsync<double>(
            "SELECT extract(epoch FROM recorded_at - placed_at) * 1000 FROM orders WHERE order_id = ANY(@ids)", new { ids = ids.ToArray() })];
        return (lags, written);
    }

    private sealed class OfferSample
    {
        public Guid OfferId { get; set; }
        public string La { get; set; } = "";
    }
}
