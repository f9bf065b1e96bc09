using MassTransit;
using Marketplace.Contracts.Onboarding;
using Marketplace.ServiceDefaults.Messaging;
using Npgsql;

namespace Marketplace.Catalogue.Consumers;

/// <summary>
/// A reinstated provider's published offers return to search and the Open Referral API. Ordered by
/// <see cref="ProviderReinstated.StatusVersion"/>, so a late reinstatement never undoes a newer suspension.
/// </summary>
public sealed class RestoreOffersOfReinstatedProviderConsumer(NpgsqlDataSource dataSource) : IConsumer<ProviderReinstated>
{
    public Task Consume(ConsumeContext<ProviderReinstated> context) =>
        Inbox.HandleOnceAsync(dataSource, context, nameof(RestoreOffersOfReinstatedProviderConsumer), transaction =>
            ProviderStatusUpdate.ApplyAsync(transaction, context.Message.ProviderId, suspended: false, context.Message.StatusVersion,
                context.Message.Reason, context.CancellationToken));
}
