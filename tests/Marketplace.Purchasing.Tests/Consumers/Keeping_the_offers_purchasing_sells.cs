using Marketplace.Contracts.Onboarding;
using Marketplace.Purchasing.Consumers;

namespace Marketplace.Purchasing.Tests.Consumers;

/// <summary>The read model follows versions, whatever order the events arrive in.</summary>
public sealed class Keeping_the_offers_purchasing_sells : IAsyncLifetime
{
    private readonly PurchasingDatabase db = new();

    public Task InitializeAsync() => db.InitializeAsync();

    public Task DisposeAsync() => db.DisposeAsync();

    private Task<string> StateAsync(Guid offerId) =>
        db.ScalarAsync<string>("SELECT status || ':' || version || ':' || coalesce(cost_options -> 0 ->> 'amountPence', '-') FROM purchasing_offers WHERE id = @offerId", new { offerId });

    [Fact]
    public async Task An_older_version_arriving_late_changes_nothing()
    {
        var offerId = await db.PublishOfferAsync(5_000, version: 2);
        await db.PublishOfferAsync(4_000, version: 1, offerId: offerId);
        Assert.Equal("published:2:5000", await StateAsync(offerId));
    }

    [Fact]
    public async Task A_withdrawal_before_its_publication_leaves_a_tombstone_and_a_newer_version_returns()
    {
        var offerId = Guid.NewGuid();
        await db.InTransactionAsync(t => StopSellingWithdrawnOfferConsumer.ApplyAsync(t, new OfferWithdrawn(offerId, PurchasingDatabase.ProviderId, 1, "gone", PurchasingDatabase.Now), default));
        await db.PublishOfferAsync(4_000, version: 1, offerId: offerId);
        Assert.StartsWith("withdrawn:1", await StateAsync(offerId));

        await db.PublishOfferAsync(4_200, version: 2, offerId: offerId);
        Assert.Equal("published:2:4200", await StateAsync(offerId));
    }

    [Fact]
    public async Task A_late_reinstatement_never_undoes_a_newer_suspension_and_open_orders_are_flagged()
    {
        var providerId = Guid.NewGuid();
        var family = PurchasingDatabase.Family("flagged");
        var offerId = await db.PublishOfferAsync(1_000, providerId: providerId);
        var budgetId = await db.AllocateAsync(family, 10_000);
        var orderId = (await db.PlaceAsync(family, PurchasingDatabase.Order(offerId, budgetId))).Body.GetProperty("id").GetGuid();

        await db.InTransactionAsync(t => ProviderStatusUpdate.ApplyAsync(t, providerId, suspended: true, 5, "Registration lapsed", default));
        await db.InTransactionAsync(t => ProviderStatusUpdate.ApplyAsync(t, providerId, suspended: false, 4, "old news", default));

        Assert.True(await db.ScalarAsync<bool>("SELECT suspended FROM purchasing_providers WHERE provider_id = @providerId", new { providerId }));
        Assert.True(await db.ScalarAsync<bool>("SELECT provider_suspended FROM orders WHERE id = @orderId", new { orderId }));
    }
}
