using System.Net;
using MassTransit;
using Marketplace.Contracts.Onboarding;
using Marketplace.Testing;

namespace Marketplace.Catalogue.Tests.Consumers;

/// <summary>ProviderSuspended and ProviderReinstated, as onboarding publishes them, hide and restore a provider's offers.</summary>
[Collection(SystemCollection.Name)]
public sealed class Suspending_a_provider(MarketplaceSystem system) : IAsyncLifetime
{
    private const string La = "E06000001";
    private readonly Catalogue catalogue = new(system);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await catalogue.DisposeAsync();

    [Fact]
    public async Task Hides_its_offers_from_search_and_open_referral_until_it_is_reinstated()
    {
        var provider = Guid.NewGuid();
        var other = Guid.NewGuid();
        var word = Word();
        var offerId = await catalogue.PublishAsync(provider, Catalogue.Offer($"{word} speech club", La));
        var otherId = await catalogue.PublishAsync(other, Catalogue.Offer($"{word} play club", La, "play-and-leisure"));
        using var anonymous = system.Gateway();
        Assert.Equal(2, (await TestOffers.PublicSearchAsync(anonymous, word)).Count);

        await catalogue.HandledAsync(await catalogue.SendAsync(new ProviderSuspended(provider, "Insurance lapsed", 2, DateTimeOffset.UtcNow)));

        Assert.Equal([otherId], await TestOffers.PublicSearchAsync(anonymous, word));
        Assert.Equal([otherId], await TestOffers.OrukSearchAsync(anonymous, word));
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/oruk/services/{offerId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/catalogue/services/{offerId}")).StatusCode);

        await catalogue.HandledAsync(await catalogue.SendAsync(new ProviderReinstated(provider, "Insurance renewed", 3, DateTimeOffset.UtcNow)));

        Assert.Contains(offerId, await TestOffers.PublicSearchAsync(anonymous, word));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/oruk/services/{offerId}")).StatusCode);
    }

    [Fact]
    public async Task A_late_older_reinstatement_does_not_undo_a_newer_suspension()
    {
        var provider = Guid.NewGuid();
        var word = Word();
        var offerId = await catalogue.PublishAsync(provider, Catalogue.Offer($"{word} therapy", La));
        using var anonymous = system.Gateway();

        await catalogue.HandledAsync(await catalogue.SendAsync(new ProviderSuspended(provider, "Complaint", 5, DateTimeOffset.UtcNow)));
        await catalogue.HandledAsync(await catalogue.SendAsync(new ProviderReinstated(provider, "Earlier reinstatement", 4, DateTimeOffset.UtcNow)));

        Assert.DoesNotContain(offerId, await TestOffers.PublicSearchAsync(anonymous, word));
        Assert.True(await catalogue.ScalarAsync<bool>("SELECT suspended FROM catalogue_providers WHERE provider_id = @provider", new { provider }));
        Assert.Equal(5, await catalogue.ScalarAsync<int>("SELECT status_version FROM catalogue_providers WHERE provider_id = @provider", new { provider }));
    }

    [Fact]
    public async Task An_offer_published_while_its_provider_is_suspended_stays_hidden()
    {
        var provider = Guid.NewGuid();
        var word = Word();
        await catalogue.HandledAsync(await catalogue.SendAsync(new ProviderSuspended(provider, "Registration lapsed", 2, DateTimeOffset.UtcNow)));
        var offerId = await catalogue.PublishAsync(provider, Catalogue.Offer($"{word} respite", La, "short-breaks-and-respite"));
        using var anonymous = system.Gateway();

        Assert.DoesNotContain(offerId, await TestOffers.PublicSearchAsync(anonymous, word));
    }

    [Fact]
    public async Task The_same_suspension_delivered_twice_is_handled_once()
    {
        var provider = Guid.NewGuid();
        var messageId = Guid.NewGuid();
        var bus = await catalogue.BusAsync();
        var suspended = new ProviderSuspended(provider, "Duplicate", 2, DateTimeOffset.UtcNow);

        await bus.Publish(suspended, ctx => ctx.MessageId = messageId);
        await bus.Publish(suspended, ctx => ctx.MessageId = messageId);
        await catalogue.HandledAsync(messageId);
        await Task.Delay(TimeSpan.FromSeconds(1));

        Assert.Equal(1, await catalogue.ScalarAsync<int>("SELECT count(*) FROM inbox_messages WHERE message_id = @messageId", new { messageId }));
        Assert.Equal(1, await catalogue.ScalarAsync<int>("SELECT count(*) FROM catalogue_providers WHERE provider_id = @provider", new { provider }));
    }

    private static string Word() => $"Zorvex{Guid.NewGuid():N}"[..14];
}
