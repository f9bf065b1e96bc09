using Dapper;
using MassTransit;
using MassTransit.Testing;
using Marketplace.Contracts.Purchasing;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.Purchasing.Tests.Features.Orders;

/// <summary>
/// The order and its <see cref="OrderPlaced"/> commit together. If purchasing dies after committing and before publishing,
/// a relay started later (a new process) publishes the event; if it dies after publishing and before recording that,
/// the event goes out again with the same message id, and a downstream consumer on the inbox changes nothing the second time.
/// </summary>
public sealed class Publishing_orders_through_the_outbox : IAsyncLifetime
{
    private readonly PurchasingDatabase db = new();

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        await db.ScalarAsync<int>("CREATE TABLE orders_seen_downstream (provider_id uuid PRIMARY KEY, orders integer NOT NULL)");
    }

    public Task DisposeAsync() => db.DisposeAsync();

    /// <summary>A downstream consumer like commissioning's: counts orders per provider, once per message, through the inbox.</summary>
    public sealed class CountOrdersConsumer(NpgsqlDataSource dataSource, Deliveries deliveries) : IConsumer<OrderPlaced>
    {
        public async Task Consume(ConsumeContext<OrderPlaced> context)
        {
            var handled = await Inbox.HandleOnceAsync(dataSource, context, nameof(CountOrdersConsumer), t => t.Connection!.ExecuteAsync(
                """
                INSERT INTO orders_seen_downstream (provider_id, orders) VALUES (@ProviderId, 1)
                ON CONFLICT (provider_id) DO UPDATE SET orders = orders_seen_downstream.orders + 1
                """, context.Message, t));
            deliveries.Record(context.MessageId, handled);
        }
    }

    /// <summary>Every delivery the consumer saw (the harness's own lists keep one entry per message id).</summary>
    public sealed class Deliveries
    {
        private readonly List<(Guid? MessageId, bool Handled)> seen = [];

        public void Record(Guid? messageId, bool handled)
        {
            lock (seen)
            {
                seen.Add((messageId, handled));
            }
        }

        public IReadOnlyList<(Guid? MessageId, bool Handled)> Seen
        {
            get
            {
                lock (seen)
                {
                    return seen.ToList();
                }
            }
        }
    }

    [Fact]
    public async Task A_crash_before_publishing_loses_no_event_and_a_redelivery_changes_nothing_downstream()
    {
        var family = PurchasingDatabase.Family("outbox");
        var offerId = await db.PublishOfferAsync(2_000);
        var budgetId = await db.AllocateAsync(family, 10_000);
        var placed = await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId));
        var orderId = placed.Body.GetProperty("id").GetGuid();

        // Purchasing "crashed" here: the order and its event are committed, nothing was published.
        var outboxId = await db.ScalarAsync<Guid>(
            "SELECT id FROM outbox_messages WHERE message_type = @type AND sent_at IS NULL AND body ->> 'orderId' = @order",
            new { type = typeof(OrderPlaced).FullName, order = orderId.ToString() });

        var services = new ServiceCollection()
            .AddSingleton(db.DataSource)
            .AddSingleton<Deliveries>()
            .AddMassTransitTestHarness(bus => bus.AddConsumer<CountOrdersConsumer>());
        await using var provider = services.BuildServiceProvider(true);
        var harness = provider.GetRequiredService<ITestHarness>();
        await harness.Start();
        var relay = new OutboxRelay(db.DataSource, provider.GetRequiredService<IBus>(), Options.Create(new OutboxOptions()), NullLogger<OutboxRelay>.Instance);

        // A new process's relay publishes it, with the outbox row's id as the message id.
        Assert.True(await relay.PublishBatchAsync(default) >= 1);
        Assert.True(await harness.Published.Any<OrderPlaced>(m => m.Context.Message.OrderId == orderId && m.Context.MessageId == outboxId));
        Assert.Equal(0, await db.ScalarAsync<int>("SELECT count(*) FROM outbox_messages WHERE sent_at IS NULL"));
        Assert.Equal(0, await relay.PublishBatchAsync(default));

        // The relay dies after the broker took the message and before recording it: the message goes out again.
        await db.ScalarAsync<int>("UPDATE outbox_messages SET sent_at = NULL WHERE id = @outboxId", new { outboxId });
        Assert.True(await relay.PublishBatchAsync(default) >= 1);

        var deliveries = provider.GetRequiredService<Deliveries>();
        await Eventually.Async(() => Task.FromResult(deliveries.Seen.Count(d => d.MessageId == outboxId) == 2),
            TimeSpan.FromSeconds(20), "both deliveries of OrderPlaced to be consumed");
        Assert.Equal([true, false], deliveries.Seen.Where(d => d.MessageId == outboxId).Select(d => d.Handled).ToArray());
        Assert.Equal(1, await db.ScalarAsync<int>("SELECT orders FROM orders_seen_downstream WHERE provider_id = @ProviderId", new { PurchasingDatabase.ProviderId }));
        Assert.Equal(1, await db.ScalarAsync<int>("SELECT count(*) FROM inbox_messages WHERE message_id = @outboxId", new { outboxId }));
        Assert.False(await harness.Published.Any<Fault<OrderPlaced>>());
        Assert.Equal(1, await db.ScalarAsync<int>("SELECT count(*) FROM orders WHERE id = @orderId", new { orderId }));
    }
}
