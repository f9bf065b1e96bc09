using System.Net;
using System.Net.Http.Json;
using Dapper;
using Marketplace.ServiceDefaults.Demo;
using Npgsql;

namespace Marketplace.Bench;

/// <summary>
/// <c>./marketplace bench orders</c>: budget orders placed through the gateway by concurrent clients, each a whole
/// placing transaction (Idempotency-Key, offer and budget checks, the conditional UPDATE of the balance, the order,
/// its ledger entry and its outbox row), then 50 at once against one budget that covers half of them, and in the same
/// run the raw rate of the conditional UPDATE alone straight into PostgreSQL, for the ratio.
/// </summary>
public sealed class OrdersBenchmark : Benchmark
{
    private const long Price = 1_000;
    private const long Allocation = 1_000_000;
    private const string Holder = "family@" + DemoRegion.EmailDomain;

    private const string ConditionalUpdate =
        """
        UPDATE budget_components SET available_pence = available_pence - @amount, committed_pence = committed_pence + @amount
        WHERE budget_id = @budgetId AND component = 'education' AND available_pence >= @amount
        """;

    public override string Name => "orders";

    public override string Description => "budget orders through the gateway (10,000 budgets, 50 at once on one) against the raw conditional UPDATE";

    public override async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var budgetCount = context.Option("budgets", 10_000);
        var orders = context.Option("orders", 2_000);
        var clients = context.Option("clients", 16);
        var contended = context.Option("contended", 50);
        var system = context.System;
        var report = context.Report;

        BenchReport.Progress($"loading {budgetCount:N0} budgets and one offer into purchasing");
        await using var db = NpgsqlDataSource.Create(system.ConnectionString("purchasing"));
        var offerId = Guid.NewGuid();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var start = new DateOnly(today.Month >= 4 ? today.Year : today.Year - 1, 4, 1);
        Guid[] budgets;
        Guid hot;
        await using (var connection = await db.OpenConnectionAsync(cancellationToken))
        {
            await connection.ExecuteAsync(
                """
                INSERT INTO purchasing_offers (id, provider_id, version, status, name, provider_name, service_type, budget_eligible, cost_options)
                VALUES (@offerId, @provider, 1, 'published', 'Bench session', 'Bench provider', 'speech-and-language-therapy', true,
                        '[{"label":"One session","amountPence":1000,"unit":"session"}]'::jsonb);
                INSERT INTO budgets (id, local_authority, holder_email, holder_type, ehc_plan_reference, period_start, period_end, allocated_by, created_at)
                SELECT gen_random_uuid(), @la, @Holder, 'parent', 'BENCH-' || g, @start, @end, 'bench', now() FROM generate_series(0, @budgetCount) g;
                INSERT INTO budget_components (budget_id, component, delivery_mode, allocated_pence, available_pence)
                SELECT id, 'education', 'organised', CASE WHEN ehc_plan_reference = 'BENCH-0' THEN @hotAllocation ELSE @Allocation END,
                       CASE WHEN ehc_plan_reference = 'BENCH-0' THEN @hotAllocation ELSE @Allocation END
                FROM budgets WHERE allocated_by = 'bench';
                INSERT INTO budget_ledger (budget_id, component, kind, amount_pence, reason, actor, at)
                SELECT budget_id, component, 'allocation', allocated_pence, 'Bench allocation', 'bench', now()
                FROM budget_components c JOIN budgets b ON b.id = c.budget_id WHERE b.allocated_by = 'bench';
                ANALYZE budgets; ANALYZE budget_components; ANALYZE budget_ledger;
                """,
                new
                {
                    offerId, provider = DemoRegion.DemoProviderId, la = DemoRegion.HomeLocalAuthority, Holder, start, end = start.AddYears(1).AddDays(-1),
                    budgetCount, Allocation, hotAllocation = contended / 2 * Price,
                });
            hot = await connection.ExecuteScalarAsync<Guid>("SELECT id FROM budgets WHERE ehc_plan_reference = 'BENCH-0'");
            budgets = (await connection.QueryAsync<Guid>("SELECT id FROM budgets WHERE allocated_by = 'bench' AND id <> @hot ORDER BY id", new { hot })).ToArray();
        }

        using var family = system.Gateway();
        family.DefaultRequestHeaders.Authorization = new("Bearer", await system.TokenAsync(Holder));
        family.Timeout = TimeSpan.FromSeconds(60);

        async Task<HttpStatusCode> PlaceAsync(Guid budgetId)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/purchasing/orders")
            {
                Content = JsonContent.Create(new
                {
                    offerId, offerVersion = 1, costOptionIndex = 0, quantity = 1, forReference = "Bench",
                    funding = new { type = "budget", budgetId, component = "education" },
                }),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            using var response = await family.SendAsync(request, cancellationToken);
            return response.StatusCode;
        }

        BenchReport.Progress("warming up");
        for (var i = 0; i < 20; i++)
        {
            await PlaceAsync(budgets[i]);
        }

        BenchReport.Progress($"{orders:N0} orders through the gateway from {clients} clients");
        var gateway = await Load.RunAsync("orders through the gateway", clients, orders,
            async (client, call) => await PlaceAsync(budgets[(call * 7919) % budgets.Length]) == HttpStatusCode.Created, cancellationToken);

        BenchReport.Progress($"{contended} orders at once against one budget that covers {contended / 2}");
        var placed = 0;
        var refused = 0;
        var hotLoad = await Load.RunAsync($"{contended} at once on one budget", contended, contended, async (_, _) =>
        {
            var status = await PlaceAsync(hot);
            if (status == HttpStatusCode.Created)
            {
                Interlocked.Increment(ref placed);
            }
            else if (status == HttpStatusCode.Conflict)
            {
                Interlocked.Increment(ref refused);
            }

            return status is HttpStatusCode.Created or HttpStatusCode.Conflict;
        }, cancellationToken);

        BenchReport.Progress($"{orders:N0} raw conditional UPDATEs from {clients} clients");
        var raw = await Load.RunAsync("raw conditional UPDATE", clients, orders, async (client, call) =>
        {
            await using var connection = await db.OpenConnectionAsync(cancellationToken);
            return await connection.ExecuteAsync(ConditionalUpdate, new { amount = Price, budgetId = budgets[(call * 104729) % budgets.Length] }) == 1;
        }, cancellationToken);
        var rawHot = await Load.RunAsync($"raw UPDATE, {contended} at once on one row", contended, contended, async (_, _) =>
        {
            await using var connection = await db.OpenConnectionAsync(cancellationToken);
            await connection.ExecuteAsync(ConditionalUpdate, new { amount = Price, budgetId = hot });
            return true;
        }, cancellationToken);

        long available, committed, ledgerAvailable;
        await using (var connection = await db.OpenConnectionAsync(cancellationToken))
        {
            (available, committed, ledgerAvailable) = await connection.QuerySingleAsync<(long, long, long)>(
                """
                SELECT c.available_pence, c.committed_pence,
                       (SELECT coalesce(sum(CASE WHEN kind = 'commitment' THEN -amount_pence ELSE amount_pence END), 0) FROM budget_ledger WHERE budget_id = @hot)::bigint
                FROM budget_components c WHERE c.budget_id = @hot
                """, new { hot });
        }

        report.Line($"{N(budgetCount)} budgets of {Money(Allocation)} held by one demo family; one offer at {Money(Price)}. Every gateway order is a whole " +
            "placing transaction (Idempotency-Key claimed and recorded, offer and budget read, conditional UPDATE, order, ledger entry, outbox row), " +
            "through the gateway's token check and the purchasing service. The raw rows are the same conditional UPDATE alone, in autocommit, " +
            "on a pooled connection straight to PostgreSQL.");
        report.Line();
        report.Latencies(gateway, hotLoad, raw, rawHot);
        report.Table(["measure", "value"],
        [
            ["gateway orders/s ÷ raw UPDATEs/s", F(gateway.PerSecond / raw.PerSecond, "0.000")],
            [$"{contended} at once on one budget covering {contended / 2}: placed / refused with 409", $"{placed} / {refused}"],
            ["that budget after the raw UPDATEs too: available, committed (pence)", $"{N(available)}, {N(committed)}"],
            ["its available balance per the ledger (orders only; raw UPDATEs write no ledger)", N(ledgerAvailable)],
        ]);
    }

    private static string N(long value) => BenchReport.N(value);

    private static string F(double value, string format) => BenchReport.F(value, format);

    private static string Money(long pence) => $"£{pence / 100:N0}";
}
