using Dapper;
using MassTransit;
using Marketplace.Contracts.Catalogue;
using Marketplace.Contracts.Onboarding;
using Marketplace.Contracts.Purchasing;
using Marketplace.Testing;
using Npgsql;

namespace Marketplace.Commissioning.Tests.Gaps;

/// <summary>
/// A few events published onto the running system's broker, once per test run, into a cell nothing else touches:
/// Manchester, multi-sensory impairment (MSI), ages 20 to 25. An offer with 3 places, 3 orders (one of them
/// delivered twice by the broker, with the same message id; that one also delivered for £40 and invoiced for £35), and 7
/// searches that found nothing.
/// Manchester has 27 MSI plans, so the cell rests on round(27 x 0.065) = 2 children.
/// </summary>
public static class GapEvents
{
    public const string Need = "MSI";
    public const string AgeBand = "20-25";
    public const string Manchester = "E08000003";
    public static readonly Guid OfferId = Guid.NewGuid();
    public static readonly Guid DuplicateMessageId = Guid.NewGuid();
    public static readonly Guid DuplicatedOrderId = Guid.NewGuid();
    public const long DeliveredPence = 4_000;
    public const long InvoicedPence = 3_500;

    private static readonly SemaphoreSlim Once = new(1, 1);
    private static bool published;

    public static async Task EnsurePublishedAsync(MarketplaceSystem system)
    {
        await Once.WaitAsync();
        try
        {
            if (!published)
            {
                await PublishAsync(system);
                published = true;
            }
        }
        finally
        {
            Once.Release();
        }
    }

    private static async Task PublishAsync(MarketplaceSystem system)
    {
        var amqp = new Uri(system.Amqp);
        var bus = Bus.Factory.CreateUsingRabbitMq(rabbit => rabbit.Host(amqp.Host, (ushort)amqp.Port, system.VirtualHost, h =>
        {
            h.Username("guest");
            h.Password("guest");
        }));
        await bus.StartAsync();
        try
        {
            var now = DateTimeOffset.UtcNow;
            await bus.Publish(new OfferPublished(OfferId, Guid.NewGuid(), 1, new OfferSnapshot(
                "Tactile signing for young adults", "Deafblind communication support.", "Gap Test Provider", "advice-and-support", [Need], "social-care",
                "specialist", 20, 25, [Manchester], ["in-person"], "", "", [new CostOption("Session", 4_000, "session")], 3, 6, true, false, null, null, []), now));
            await using var commissioning = new NpgsqlConnection(system.ConnectionString("commissioning"));
            await Eventually.Async(async () => await commissioning.ExecuteScalarAsync<bool>(
                "SELECT EXISTS (SELECT 1 FROM offers WHERE offer_id = @OfferId)", new { OfferId }), TimeSpan.FromSeconds(20), "the offer in commissioning");

            OrderPlaced Order(Guid id) => new(id, OfferId, 1, Guid.NewGuid(), "advice-and-support", "budget-holder", "budget", "social-care", "organised",
                Manchester, 1, 4_000, "placed", now);
            var duplicated = Order(DuplicatedOrderId);
            await bus.Publish(duplicated, c => c.MessageId = DuplicateMessageId);
            await bus.Publish(duplicated, c => c.MessageId = DuplicateMessageId);
            await bus.Publish(Order(Guid.NewGuid()));
            await bus.Publish(Order(Guid.NewGuid()));
            for (var i = 0; i < 7; i++)
            {
                await bus.Publish(new SearchPerformed(Guid.NewGuid(), Need, 22, Manchester, null, null, null, null, false, false, false, 1, 0, now));
            }

            await Eventually.Async(async () => await commissioning.ExecuteScalarAsync<long>(
                "SELECT coalesce(sum(orders_placed) + sum(searches), 0) FROM gap_by_month WHERE la = @Manchester AND need = @Need AND age_band = @AgeBand",
                new { Manchester, Need, AgeBand }) == 10, TimeSpan.FromSeconds(30), "3 orders and 7 searches in the rollups");
            await bus.Publish(new OrderDelivered(DuplicatedOrderId, OfferId, duplicated.ProviderId, Manchester, "budget", DeliveredPence, now));
            await bus.Publish(new InvoiceIssued(Guid.NewGuid(), DuplicatedOrderId, OfferId, duplicated.ProviderId, Manchester, "budget", "social-care",
                "GAP-1", "not-registered", InvoicedPence, 0, DeliveredPence - InvoicedPence, DateOnly.FromDateTime(now.UtcDateTime),
                DateOnly.FromDateTime(now.UtcDateTime).AddDays(30), now));
            await Eventually.Async(async () => await commissioning.ExecuteScalarAsync<long>(
                "SELECT coalesce(sum(orders_delivered) + sum(spend_pence), 0) FROM gap_by_month WHERE la = @Manchester AND need = @Need AND age_band = @AgeBand",
                new { Manchester, Need, AgeBand }) == 1 + InvoicedPence, TimeSpan.FromSeconds(30), "the delivery and the invoice in the rollups");
            // Give the second copy of the duplicated order time to arrive and be dropped.
            await Eventually.Async(async () => await commissioning.ExecuteScalarAsync<long>(
                "SELECT count(*) FROM inbox_messages WHERE message_id = @DuplicateMessageId", new { DuplicateMessageId }) == 1, TimeSpan.FromSeconds(10), "the duplicate's inbox row");
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
        finally
        {
            await bus.StopAsync();
        }
    }
}
