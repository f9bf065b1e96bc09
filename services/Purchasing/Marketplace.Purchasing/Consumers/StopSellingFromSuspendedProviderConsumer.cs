using MassTransit;
using Marketplace.Contracts.Onboarding;
using Marketplace.ServiceDefaults.Messaging;
using Npgsql;

namespace Marketplace.Purchasing.Consumers;

/// <summary>A suspended provider takes no new orders and its open orders are flagged. Ordered by <see cref="ProviderSuspended.StatusVersion"/>.</summary>
public sealed class StopSellingFromSuspendedProviderConsumer(NpgsqlDataSource dataSource) : IConsumer<ProviderSuspended>
{
    public Task Consume(ConsumeContext<ProviderSuspended> context) =>
        Inbox.HandleOnceAsync(dataSource, context, nameof(StopSellingFromSuspendedProviderConsumer), transaction =>
            ProviderStatusUpdate.ApplyAsync(transaction, context.Message.ProviderId, suspended: true, context.Message.StatusVersion,
                context.Message.Reason, context.CancellationToken));
}
