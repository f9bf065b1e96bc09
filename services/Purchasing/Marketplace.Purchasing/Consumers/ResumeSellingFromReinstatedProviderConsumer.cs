using MassTransit;
using Marketplace.Contracts.Onboarding;
using Marketplace.ServiceDefaults.Messaging;
using Npgsql;

namespace Marketplace.Purchasing.Consumers;

/// <summary>A reinstated provider takes orders again and its open orders lose their flag; a late reinstatement never undoes a newer suspension.</summary>
public sealed class ResumeSellingFromReinstatedProviderConsumer(NpgsqlDataSource dataSource) : IConsumer<ProviderReinstated>
{
    public Task Consume(ConsumeContext<ProviderReinstated> context) =>
        Inbox.HandleOnceAsync(dataSource, context, nameof(ResumeSellingFromReinstatedProviderConsumer), transaction =>
            ProviderStatusUpdate.ApplyAsync(transaction, context.Message.ProviderId, suspended: false, context.Message.StatusVersion,
                context.Message.Reason, context.CancellationToken));
}
