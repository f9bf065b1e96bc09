using Dapper;
using MassTransit;
using Marketplace.Contracts.Onboarding;
using Marketplace.ServiceDefaults.Messaging;
using Npgsql;

namespace Marketplace.Purchasing.Consumers;

/// <summary>
/// A withdrawn offer can no longer be ordered. A withdrawal of version N applies over versions up to N; arriving
/// before its publication, it leaves a tombstone that the late publication of the same version cannot overwrite.
/// </summary>
public sealed class StopSellingWithdrawnOfferConsumer(NpgsqlDataSource dataSource) : IConsumer<OfferWithdrawn>
{
    public Task Consume(ConsumeContext<OfferWithdrawn> context) =>
        Inbox.HandleOnceAsync(dataSource, context, nameof(StopSellingWithdrawnOfferConsumer), transaction =>
            ApplyAsync(transaction, context.Message, context.CancellationToken));

    internal static Task<int> ApplyAsync(NpgsqlTransaction transaction, OfferWithdrawn m, CancellationToken ct) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO purchasing_offers (id, provider_id, version, status, updated_at)
            VALUES (@OfferId, @ProviderId, @Version, 'withdrawn', now())
            ON CONFLICT (id) DO UPDATE SET status = 'withdrawn', version = EXCLUDED.version, updated_at = now()
            WHERE purchasing_offers.version <= EXCLUDED.version
            """, m, transaction, cancellationToken: ct));
}
