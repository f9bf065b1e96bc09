using MassTransit;
using Marketplace.Contracts;
using Marketplace.Contracts.Catalogue;
using Marketplace.ServiceDefaults.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.ServiceDefaults.Tests;

public sealed class Checking_consumers_against_the_subscriptions
{
    [Fact]
    public void A_consumer_missing_from_the_table_stops_the_service_starting()
    {
        var services = new ServiceCollection();
        services.AddScoped<CountSearchConsumer>();
        services.AddScoped<TallySearchesAgainConsumer>();

        var refused = Assert.Throws<InvalidOperationException>(() => ConsumerQueues.CheckAgainstTable(services, "commissioning"));

        Assert.Contains("SearchPerformed → commissioning-tally-searches-again is consumed but not listed", refused.Message);
        // commissioning's real consumers of other events are listed but not registered here.
        Assert.Contains("OrderPlaced → commissioning-count-orders is listed but not consumed", refused.Message);
        Assert.DoesNotContain("SearchPerformed → commissioning-count-search is", refused.Message);
    }

    [Fact]
    public void A_service_whose_consumers_match_the_table_starts()
    {
        var services = new ServiceCollection();
        services.AddScoped<CountSearchConsumer>();
        Assert.Equal(["commissioning-count-search"], Subscriptions.Queues[typeof(SearchPerformed)]);

        // "search" is not a service prefix in the table: nothing is listed for it, and its one consumer is missing.
        var refused = Assert.Throws<InvalidOperationException>(() => ConsumerQueues.CheckAgainstTable(services, "search"));
        Assert.Contains("SearchPerformed → search-count-search is consumed but not listed", refused.Message);

        var identity = new ServiceCollection();
        identity.AddScoped<LinkProviderOwnerConsumer>();
        ConsumerQueues.CheckAgainstTable(identity, "identity");
    }
}

internal sealed class CountSearchConsumer : IConsumer<SearchPerformed>
{
    public Task Consume(ConsumeContext<SearchPerformed> context) => Task.CompletedTask;
}

internal sealed class TallySearchesAgainConsumer : IConsumer<SearchPerformed>
{
    public Task Consume(ConsumeContext<SearchPerformed> context) => Task.CompletedTask;
}

internal sealed class LinkProviderOwnerConsumer : IConsumer<Marketplace.Contracts.Onboarding.ProviderRegistered>
{
    public Task Consume(ConsumeContext<Marketplace.Contracts.Onboarding.ProviderRegistered> context) => Task.CompletedTask;
}
