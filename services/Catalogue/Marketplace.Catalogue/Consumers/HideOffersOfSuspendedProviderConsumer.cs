using MassTransit;
using Marketplace.Contracts.Onboarding;
using Marketplace.ServiceDefaults.Messaging;
using Npgsql;

namespace Marketplace.Catalogue.Consumers;

/// <summary>
/// A suspended provider's offers leave search and the Open Referral API (they keep their rows, so reinstatement
/// can bring them back). Ordered by <see cref="ProviderSuspended.StatusVersion"/>: a status event older than the
/// one already applied changes nothing.
/// </summary>
public sealed class HideOffersOfSuspendedProviderConsumer(NpgsqlDataSource dataSource) : IConsumer<ProviderSuspended>
{
    public Task Consume(ConsumeContext<ProviderSuspended> context) =>
        Inbox.HandleOnceAsync(dataSource, context, nameof(HideOffersOfSuspendedProviderConsumer), transaction =>
            ProviderStatusUpdate.ApplyAsync(transaction, context.Message.ProviderId, suspended: true, context.Message.StatusVersion,
                context.Message.Reason, context.CancellationToken));
}
