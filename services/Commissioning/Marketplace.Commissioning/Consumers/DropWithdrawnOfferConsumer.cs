using Dapper;
using MassTransit;
using Marketplace.Contracts.Onboarding;
using Marketplace.ServiceDefaults.Messaging;
using Npgsql;

namespace Marketplace.Commissioning.Consumers;

/// <summary>
/// A withdrawn offer is no longer supply. Its snapshot stays (orders already counted keep their dimensions); a
/// withdrawal that overtakes its publication leaves a tombstone that only a newer version replaces.
/// </summary>
public sealed class DropWithdrawnOfferConsumer(NpgsqlDataSource dataSource) : IConsumer<OfferWithdrawn>
{
    public Task Consume(ConsumeContext<OfferWithdrawn> context) =>
        Inbox.HandleOnceAsync(dataSource, context, nameof(DropWithdrawnOfferConsumer), transaction =>
            ApplyAsync(transaction, context.Message, context.CancellationToken));

    public static Task<int> ApplyAsync(NpgsqlTransaction transaction, OfferWithdrawn m, CancellationToken ct) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO offers (offer_id, provider_id, version, status, updated_at)
            VALUES (@OfferId, @ProviderId, @Version, 'withdrawn', now())
            ON CONFLICT (offer_id) DO UPDATE SET status = 'withdrawn', version = EXCLUDED.version, updated_at = now()
            WHERE offers.version <= EXCLUDED.version
            """, new { m.OfferId, m.ProviderId, m.Version }, transaction, cancellationToken: ct));
}
