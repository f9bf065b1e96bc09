using Marketplace.Commissioning.Consumers;
using Marketplace.Commissioning.Features.Demand;

namespace Marketplace.Commissioning.Tests.Gaps;

/// <summary>Incremental rollups and a rebuild from scratch agree on a larger random history, whatever order the events came in.</summary>
public sealed class Rebuilding_the_rollups : IAsyncLifetime
{
    private readonly CommissioningDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Incremental_and_rebuilt_rollups_are_identical_for_a_random_history()
    {
        var random = new Random(20261123);
        string[] las = [CommissioningDatabase.Manchester, CommissioningDatabase.Wigan, "E08000001"];
        string[] needs = ["ASD", "SLCN", "SEMH", "PD", "VI"];
        var offers = new List<Guid>();
        for (var i = 0; i < 12; i++)
        {
            var id = Guid.NewGuid();
            var min = random.Next(0, 20);
            await db.PublishAsync(CommissioningDatabase.Offer(id, [.. needs.OrderBy(_ => random.Next()).Take(random.Next(1, 4))], min, min + random.Next(0, 6),
                [las[random.Next(las.Length)]], places: random.Next(0, 9), provisionArea: random.Next(2) == 0 ? "health" : "education"));
            offers.Add(id);
        }

        string[] steps = ["approved", "refused", "accepted", "declined", "cancelled", "delivered"];
        for (var i = 0; i < 150; i++)
        {
            var orderId = Guid.NewGuid();
            var placed = CommissioningDatabase.At(random.Next(1, 13), random.Next(1, 28));
            await db.PlaceAsync(orderId, offers[random.Next(offers.Count)], placed, las[random.Next(las.Length)], random.Next(1_000, 90_000));
            foreach (var step in steps.Where(_ => random.Next(3) == 0))
            {
                await db.StepAsync(orderId, step, placed.AddDays(random.Next(0, 60)), forCapacity: random.Next(2) == 0);
            }

            if (random.Next(3) == 0)
            {
                await db.InvoiceAsync(orderId, placed.AddDays(random.Next(30, 90)), random.Next(1_000, 90_000));
            }
        }

        for (var i = 0; i < 300; i++)
        {
            await db.SearchAsync(Guid.NewGuid(), random.Next(10) == 0 ? null : las[random.Next(las.Length)], random.Next(5) == 0 ? null : needs[random.Next(needs.Length)],
                random.Next(4) == 0 ? null : random.Next(0, 26), random.Next(0, 6), CommissioningDatabase.At(random.Next(1, 13), random.Next(1, 28)));
        }

        for (var i = 0; i < 20; i++)
        {
            var budgetId = Guid.NewGuid();
            await db.InTransactionAsync(t => CountBudgetsConsumer.ApplyAsync(t, $"allocated:{budgetId}", budgetId, las[random.Next(las.Length)], "allocated",
                random.Next(100_000, 900_000), CommissioningDatabase.At(random.Next(1, 13), 1), default));
        }

        var incremental = await db.RollupsAsync();
        Assert.Contains("E08000001", incremental);
        await Rollups.RebuildAsync(db.DataSource, default);
        Assert.Equal(incremental, await db.RollupsAsync());
    }
}
