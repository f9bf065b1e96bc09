using Marketplace.Commissioning.Features.Gaps;

namespace Marketplace.Commissioning.Tests.Gaps;

/// <summary>The score is the mean of each part's percentile among the region's LAs, and every figure about children is suppressed.</summary>
public sealed class Scoring_a_gap
{
    private static CellFigures Cell(string la, long children, long places, long searches, long unmet, long accepted, long declined, int waitWeeks)
    {
        var cell = new CellFigures
        {
            La = la, Need = "ASD", AgeBand = "5-10", Children = children, Places = places, Offers = places > 0 ? 1 : 0,
            Searches = searches, UnmetSearches = unmet, OrdersAccepted = accepted, DeclinedForCapacity = declined,
        };
        if (accepted > 0)
        {
            cell.Waits[waitWeeks] = accepted;
        }

        return cell;
    }

    [Fact]
    public void The_worst_la_on_every_part_scores_100_and_the_best_0()
    {
        var worst = Cell("A", 400, 10, 50, 40, 10, 30, 12);   // 40 children a place, 10 unmet per 100, 75% declined, 12 weeks
        var middle = Cell("B", 300, 30, 50, 20, 20, 20, 6);   // 10, 6.7, 50%, 6
        var best = Cell("C", 200, 100, 50, 5, 30, 0, 1);      // 2, 2.5, 0%, 1
        GapTable.Score([worst, middle, best]);
        Assert.Equal((100.0, 50.0, 0.0), (worst.Score!.Value, middle.Score!.Value, best.Score!.Value));
    }

    [Fact]
    public void A_part_without_data_is_left_out_of_the_mean()
    {
        var a = Cell("A", 400, 10, 0, 0, 0, 0, 0);    // only children per place known: worst
        var b = Cell("B", 300, 30, 0, 0, 0, 0, 0);
        GapTable.Score([a, b]);
        Assert.Equal((100.0, 0.0), (a.Score!.Value, b.Score!.Value));
        Assert.Null(a.DeclineShare);
    }

    [Fact]
    public void Counts_from_1_to_4_and_what_is_worked_out_from_them_show_as_less_than_5()
    {
        var cell = Cell("A", 3, 2, 4, 1, 2, 1, 3);
        cell.OrdersPlaced = 3;
        cell.OrdersDelivered = 2;
        cell.OrdersInvoiced = 2;
        cell.SpendPence = 9_999;
        var row = GapRows.Row(cell, "A", "A", null, 1);
        Assert.All(new[]
        {
            row.Children, row.ChildrenPerPlace, row.Searches, row.UnmetSearches, row.UnmetPer100Children, row.OrdersPlaced,
            row.OrdersAccepted, row.DeclinedForCapacity, row.DeclineSharePercent, row.MedianWeeksToAcceptance, row.Spend,
        }, figure => Assert.Equal("<5", figure));
        Assert.Equal("2", row.Places); // supply is public in the Local Offer itself

        // Spend rests on the invoices behind it, not on the deliveries (an order can be delivered and not yet invoiced).
        var busy = new CellFigures { La = "A", Need = "ASD", AgeBand = "5-10", OrdersDelivered = 40, OrdersInvoiced = 3, SpendPence = 120_000 };
        Assert.Equal("<5", GapRows.Row(busy, "A", "A", null, null).Spend);
        busy.OrdersInvoiced = 5;
        Assert.Equal("1200.00", GapRows.Row(busy, "A", "A", null, null).Spend);

        var zero = GapRows.Row(new CellFigures { La = "A", Need = "ASD", AgeBand = "5-10", Children = 12 }, "A", "A", null, null);
        Assert.Equal(("12", "0", "0", ""), (zero.Children, zero.OrdersPlaced, zero.Searches, zero.DeclineSharePercent));
    }
}
