using Marketplace.Commissioning.Consumers;
using Marketplace.Commissioning.Features.Demand;

namespace Marketplace.Commissioning.Tests.Gaps;

/// <summary>
/// A small known set of events, with totals worked out by hand. Offer A serves ASD and SLCN, ages 4 to 11 (bands
/// 0-4, 5-10 and 11-15); offer B serves SEMH, ages 16 to 19. Four orders in Manchester, five searches.
/// </summary>
public sealed class Counting_demand_from_events : IAsyncLifetime
{
    private readonly CommissioningDatabase db = new();
    private readonly Guid offerA = Guid.NewGuid(), offerB = Guid.NewGuid();
    private readonly Guid o1 = Guid.NewGuid(), o2 = Guid.NewGuid(), o3 = Guid.NewGuid(), o4 = Guid.NewGuid();
    private readonly Guid s1 = Guid.NewGuid(), s2 = Guid.NewGuid(), s3 = Guid.NewGuid(), s4 = Guid.NewGuid(), s5 = Guid.NewGuid();
    private const string M = CommissioningDatabase.Manchester;

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        await ApplyAllAsync();
    }

    public Task DisposeAsync() => db.DisposeAsync();

    private async Task ApplyAllAsync()
    {
        await db.PublishAsync(CommissioningDatabase.Offer(offerA, ["ASD", "SLCN"], 4, 11, [M], places: 10));
        await db.PublishAsync(CommissioningDatabase.Offer(offerB, ["SEMH"], 16, 19, [M], places: 2, provisionArea: "education", serviceType: "tuition-and-specialist-teaching"));

        await db.PlaceAsync(o1, offerA, CommissioningDatabase.At(1, 10));
        await db.StepAsync(o1, "accepted", CommissioningDatabase.At(1, 24));           // two weeks
        await db.StepAsync(o1, "delivered", CommissioningDatabase.At(2, 5));               // ordered for £50: no spend yet
        await db.InvoiceAsync(o1, CommissioningDatabase.At(3, 2), 4_500);               // invoiced for £45 a month later: the spend
        await db.PlaceAsync(o2, offerA, CommissioningDatabase.At(1, 15));
        await db.StepAsync(o2, "declined", CommissioningDatabase.At(1, 16), forCapacity: true);
        await db.PlaceAsync(o3, offerB, CommissioningDatabase.At(2, 1));
        await db.StepAsync(o3, "declined", CommissioningDatabase.At(2, 2), forCapacity: false);
        await db.PlaceAsync(o4, offerB, CommissioningDatabase.At(2, 3));
        await db.StepAsync(o4, "accepted", CommissioningDatabase.At(3, 3));            // four weeks
        await db.StepAsync(o4, "cancelled", CommissioningDatabase.At(3, 10));

        await db.SearchAsync(s1, M, "ASD", 7, 0, CommissioningDatabase.At(1, 3));       // unmet
        await db.SearchAsync(s2, M, "ASD", 7, 5, CommissioningDatabase.At(1, 4));       // met
        await db.SearchAsync(s3, M, "ASD", null, 1, CommissioningDatabase.At(2, 8));    // unmet, no age
        await db.SearchAsync(s4, M, "ASD", 7, 0, CommissioningDatabase.At(2, 9), page: 2); // a second page: not a new search
        await db.SearchAsync(s5, CommissioningDatabase.Wigan, "SEMH", 17, 2, CommissioningDatabase.At(2, 9)); // unmet (2 or fewer)
    }

    [Fact]
    public async Task Each_cell_holds_the_hand_counted_totals()
    {
        // searches/unmet/placed/accepted/capacity/other/cancelled/delivered/spend
        Assert.Equal("2/1/2/1/1/0/0/0/0", await db.GapCellAsync(M, "ASD", "5-10", CommissioningDatabase.At(1, 1)));
        Assert.Equal("0/0/0/0/0/0/0/1/0", await db.GapCellAsync(M, "ASD", "5-10", CommissioningDatabase.At(2, 1)));
        Assert.Equal("0/0/0/0/0/0/0/0/4500", await db.GapCellAsync(M, "ASD", "5-10", CommissioningDatabase.At(3, 1)));
        Assert.Equal("0/0/2/1/1/0/0/0/0", await db.GapCellAsync(M, "SLCN", "0-4", CommissioningDatabase.At(1, 1)));
        Assert.Equal("1/1/0/0/0/0/0/0/0", await db.GapCellAsync(M, "ASD", "", CommissioningDatabase.At(2, 1)));
        Assert.Equal("0/0/2/0/0/1/0/0/0", await db.GapCellAsync(M, "SEMH", "16-19", CommissioningDatabase.At(2, 1)));
        Assert.Equal("0/0/0/1/0/0/1/0/0", await db.GapCellAsync(M, "SEMH", "16-19", CommissioningDatabase.At(3, 1)));
        Assert.Equal("1/1/0/0/0/0/0/0/0", await db.GapCellAsync(CommissioningDatabase.Wigan, "SEMH", "16-19", CommissioningDatabase.At(2, 1)));
        Assert.Equal("0/0/0/0/0/0/0/0/0", await db.GapCellAsync(M, "ASD", "16-19", CommissioningDatabase.At(1, 1)));
    }

    [Fact]
    public async Task Totals_across_cells_match_the_events()
    {
        // o1 and o2 count in 2 needs x 3 bands each; o3 and o4 in one cell each.
        Assert.Equal(14, await db.ScalarAsync<long>("SELECT sum(orders_placed) FROM gap_by_month WHERE la = @M", new { M }));
        Assert.Equal(14, await db.ScalarAsync<long>("SELECT sum(orders_placed) FROM demand_by_month WHERE la = @M", new { M }));
        Assert.Equal(4, await db.ScalarAsync<long>("SELECT sum(searches) FROM gap_by_month"));
        Assert.Equal(3, await db.ScalarAsync<long>("SELECT sum(unmet_searches) FROM gap_by_month"));
        Assert.Equal(6 * 4_500, await db.ScalarAsync<long>("SELECT sum(spend_pence) FROM gap_by_month"));
        Assert.Equal(6, await db.ScalarAsync<long>("SELECT sum(orders_delivered) FROM gap_by_month"));
        Assert.Equal(6, await db.ScalarAsync<long>("SELECT sum(orders_invoiced) FROM gap_by_month"));
        Assert.Equal(6, await db.ScalarAsync<long>("SELECT sum(orders_invoiced) FROM demand_by_month"));
        Assert.Equal(4_500, await db.ScalarAsync<long>(
            "SELECT sum(spend_pence) FROM demand_by_month WHERE need = 'SLCN' AND age_band = '11-15' AND provision_area = 'health' AND service_type = 'speech-and-language-therapy'"));
        Assert.Equal("2:6,4:1", await db.ScalarAsync<string>(
            "SELECT string_agg(wait_weeks || ':' || total, ',' ORDER BY wait_weeks) FROM (SELECT wait_weeks, sum(orders) AS total FROM waits_by_month GROUP BY 1) w"));
    }

    [Fact]
    public async Task Every_event_delivered_twice_is_counted_once()
    {
        var before = await db.RollupsAsync();
        await ApplyAllAsync();
        Assert.Equal(before, await db.RollupsAsync());
    }

    [Fact]
    public async Task A_rebuild_from_scratch_gives_the_same_numbers()
    {
        var incremental = await db.RollupsAsync();
        var result = await Rollups.RebuildAsync(db.DataSource, default);
        Assert.Equal(4, result.Orders);
        Assert.Equal(incremental, await db.RollupsAsync());
    }

    [Fact]
    public async Task An_order_step_before_its_placing_waits_for_it()
    {
        await Assert.ThrowsAsync<FactNotYetKnownException>(() => db.StepAsync(Guid.NewGuid(), "accepted", CommissioningDatabase.At(1, 1)));
        await Assert.ThrowsAsync<FactNotYetKnownException>(() => db.PlaceAsync(Guid.NewGuid(), Guid.NewGuid(), CommissioningDatabase.At(1, 1)));
    }
}
