using Dapper;
using Marketplace.Commissioning.Consumers;
using Marketplace.Commissioning.Features.Demand;
using Marketplace.Contracts.Catalogue;
using Marketplace.Contracts.Onboarding;
using Marketplace.Contracts.Purchasing;
using Marketplace.Testing;
using Npgsql;

namespace Marketplace.Commissioning.Tests.Gaps;

/// <summary>A migrated commissioning database of its own, and the events applied as the consumers apply them.</summary>
public sealed class CommissioningDatabase : IAsyncLifetime
{
    public const string Manchester = "E08000003";
    public const string Wigan = "E08000010";

    private readonly TestDatabase db = new(typeof(Rollups).Assembly);

    public NpgsqlDataSource DataSource => db.DataSource;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        await db.Runner().StartAsync(CancellationToken.None);
    }

    public Task DisposeAsync() => db.DisposeAsync();

    public async Task InTransactionAsync(Func<NpgsqlTransaction, Task> work)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await work(transaction);
        await transaction.CommitAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, args))!;
    }

    public static DateTimeOffset At(int month, int day) => new(2026, month, day, 10, 0, 0, TimeSpan.Zero);

    public static OfferPublished Offer(Guid offerId, string[] needs, int minAge, int maxAge, string[] areas, int? places = 5,
        string provisionArea = "health", string serviceType = "speech-and-language-therapy", int version = 1, Guid? providerId = null) =>
        new(offerId, providerId ?? Guid.NewGuid(), version, new OfferSnapshot(
            $"Offer {offerId:N}"[..14], "About it", "Test Provider", serviceType, needs, provisionArea, "targeted", minAge, maxAge, areas,
            ["in-person"], "Anyone", "Ask", [new CostOption("Session", 5_000, "session")], places, 3, true, true, null, null, []), At(1, 1));

    public Task PublishAsync(OfferPublished offer) => InTransactionAsync(t => KeepOfferSnapshotConsumer.ApplyAsync(t, offer, default));

    public Task PlaceAsync(Guid orderId, Guid offerId, DateTimeOffset at, string la = Manchester, long amountPence = 5_000) =>
        InTransactionAsync(t => CountOrdersConsumer.PlacedAsync(t, new OrderPlaced(orderId, offerId, 1, Guid.NewGuid(), "speech-and-language-therapy",
            "budget-holder", "budget", "health", "organised", la, 1, amountPence, "placed", at), default));

    public Task StepAsync(Guid orderId, string step, DateTimeOffset at, bool? forCapacity = null) =>
        InTransactionAsync(t => CountOrdersConsumer.StepAsync(t, orderId, step, at, default, forCapacity));

    /// <summary>The provider invoiced the order for <paramref name="totalPence"/> (what was spent).</summary>
    public Task InvoiceAsync(Guid orderId, DateTimeOffset at, long totalPence) =>
        InTransactionAsync(t => CountOrdersConsumer.StepAsync(t, orderId, "invoiced", at, default, spentPence: totalPence));

    public Task SearchAsync(Guid searchId, string? la, string? need, int? age, int results, DateTimeOffset at, int page = 1) =>
        InTransactionAsync(t => CountSearchConsumer.ApplyAsync(t, new SearchPerformed(searchId, need, age, la, null, null, null, null, false, false, false, page, results, at), default));

    /// <summary>Every row of every rollup, as text, in a fixed order: two equal snapshots mean equal numbers.</summary>
    public async Task<string> RollupsAsync()
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        var parts = new List<string>();
        foreach (var table in new[] { "demand_by_month", "gap_by_month", "waits_by_month", "gap_waits_by_month", "budgets_by_month" })
        {
            var rows = await connection.QueryAsync<string>($"SELECT r::text FROM {table} r ORDER BY r::text");
            parts.Add($"{table}:\n{string.Join('\n', rows)}");
        }

        return string.Join("\n\n", parts);
    }

    /// <summary>One cell of <c>gap_by_month</c>, as "searches/unmet/placed/accepted/capacity/other/cancelled/delivered/spend" (zeros when absent).</summary>
    public async Task<string> GapCellAsync(string la, string need, string band, DateTimeOffset month)
    {
        await using var connection = await DataSource.OpenConnectionAsync();
        return await connection.ExecuteScalarAsync<string>(
            """
            SELECT coalesce((SELECT concat_ws('/', searches, unmet_searches, orders_placed, orders_accepted, declined_for_capacity, declined_other,
                                              orders_cancelled, orders_delivered, spend_pence)
                             FROM gap_by_month WHERE la = @la AND need = @need AND age_band = @band AND month = @month), '0/0/0/0/0/0/0/0/0')
            """, new { la, need, band, month = new DateOnly(month.Year, month.Month, 1) }) ?? "";
    }
}
