using Dapper;
using MassTransit;
using Marketplace.Contracts.Onboarding;
using Marketplace.ServiceDefaults.Messaging;
using Npgsql;

namespace Marketplace.Catalogue.Consumers;

/// <summary>
/// Takes a withdrawn offer out of the public Local Offer. A withdrawal of version N hides versions up to N;
/// if it arrives before its OfferPublished, it leaves a tombstone that the late publication cannot overwrite.
/// </summary>
public sealed class HideWithdrawnOfferConsumer(NpgsqlDataSource dataSource) : IConsumer<OfferWithdrawn>
{
    public Task Consume(ConsumeContext<OfferWithdrawn> context) =>
        Inbox.HandleOnceAsync(dataSource, context, nameof(HideWithdrawnOfferConsumer), transaction =>
            transaction.Connection!.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO catalogue_offers (id, provider_id, version, status, updated_at)
                VALUES (@OfferId, @ProviderId, @Version, 'withdrawn', now())
                ON CONFLICT (id) DO UPDATE SET status = 'withdrawn', version = EXCLUDED.version, updated_at = now()
                WHERE catalogue_offers.version <= EXCLUDED.version
                """, context.Message, transaction, cancellationToken: context.CancellationToken)));
}
