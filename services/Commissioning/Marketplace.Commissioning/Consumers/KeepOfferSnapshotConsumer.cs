using Dapper;
using MassTransit;
using Marketplace.Contracts.Onboarding;
using Marketplace.ServiceDefaults.Messaging;
using Npgsql;

namespace Marketplace.Commissioning.Consumers;

/// <summary>
/// Keeps the latest published version of each offer: supply (needs, ages, areas served, places) and the dimensions
/// orders are counted under. An older version arriving late changes nothing.
/// </summary>
public sealed class KeepOfferSnapshotConsumer(NpgsqlDataSource dataSource) : IConsumer<OfferPublished>
{
    public Task Consume(ConsumeContext<OfferPublished> context) =>
        Inbox.HandleOnceAsync(dataSource, context, nameof(KeepOfferSnapshotConsumer), transaction =>
            ApplyAsync(transaction, context.Message, context.CancellationToken));

    public static Task<int> ApplyAsync(NpgsqlTransaction transaction, OfferPublished m, CancellationToken ct) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO offers (offer_id, provider_id, version, status, name, provider_name, service_type, needs, provision_area, tier,
                min_age, max_age, areas_served, places, typical_wait_weeks, published_at, updated_at)
            VALUES (@OfferId, @ProviderId, @Version, 'published', @Name, @ProviderName, @ServiceType, @Needs, @ProvisionArea, @Tier,
                @MinAge, @MaxAge, @AreasServed, @Places, @TypicalWaitWeeks, @PublishedAt, now())
            ON CONFLICT (offer_id) DO UPDATE SET
                provider_id = EXCLUDED.provider_id, version = EXCLUDED.version, status = 'published', name = EXCLUDED.name,
                provider_name = EXCLUDED.provider_name, service_type = EXCLUDED.service_type, needs = EXCLUDED.needs,
                provision_area = EXCLUDED.provision_area, tier = EXCLUDED.tier, min_age = EXCLUDED.min_age, max_age = EXCLUDED.max_age,
                areas_served = EXCLUDED.areas_served, places = EXCLUDED.places, typical_wait_weeks = EXCLUDED.typical_wait_weeks,
                published_at = EXCLUDED.published_at, updated_at = now()
            WHERE offers.version < EXCLUDED.version
            """,
            new
            {
                m.OfferId, m.ProviderId, m.Version, m.Offer.Name, m.Offer.ProviderName, m.Offer.ServiceType, Needs = m.Offer.Needs.ToArray(),
                m.Offer.ProvisionArea, m.Offer.Tier, m.Offer.MinAge, m.Offer.MaxAge, AreasServed = m.Offer.AreasServed.ToArray(),
                m.Offer.Places, m.Offer.TypicalWaitWeeks, m.PublishedAt,
            }, transaction, cancellationToken: ct));
}
