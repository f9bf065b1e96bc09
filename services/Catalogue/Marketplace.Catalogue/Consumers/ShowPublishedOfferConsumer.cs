using System.Text.Json;
using Dapper;
using MassTransit;
using Marketplace.Catalogue.Features.Search;
using Marketplace.Contracts.Onboarding;
using Marketplace.ServiceDefaults.Messaging;
using Npgsql;

namespace Marketplace.Catalogue.Consumers;

/// <summary>
/// Puts a published offer (or its newer version) into the public Local Offer. Idempotent twice over: the
/// inbox drops a redelivered message, and the version guard ignores an older version arriving late. With the
/// offer it replaces the offer's locations and adds its words to the spelling vocabulary.
/// </summary>
public sealed class ShowPublishedOfferConsumer(NpgsqlDataSource dataSource) : IConsumer<OfferPublished>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task Consume(ConsumeContext<OfferPublished> context) =>
        Inbox.HandleOnceAsync(dataSource, context, nameof(ShowPublishedOfferConsumer), async transaction =>
        {
            var m = context.Message;
            var offer = m.Offer;
            var prices = offer.CostOptions.Select(c => c.AmountPence).ToList();
            var connection = transaction.Connection!;
            var ct = context.CancellationToken;
            var changed = await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO catalogue_offers (id, provider_id, version, status, name, description, provider_name, service_type, needs,
                    provision_area, tier, min_age, max_age, areas_served, delivery_modes, budget_eligible, free, from_price_pence,
                    snapshot, published_at, updated_at)
                VALUES (@OfferId, @ProviderId, @Version, 'published', @Name, @Description, @ProviderName, @ServiceType, @Needs,
                    @ProvisionArea, @Tier, @MinAge, @MaxAge, @AreasServed, @DeliveryModes, @BudgetEligible, @Free, @FromPricePence,
                    @Snapshot::jsonb, @PublishedAt, now())
                ON CONFLICT (id) DO UPDATE SET
                    provider_id = EXCLUDED.provider_id, version = EXCLUDED.version, status = 'published', name = EXCLUDED.name,
                    description = EXCLUDED.description, provider_name = EXCLUDED.provider_name, service_type = EXCLUDED.service_type,
                    needs = EXCLUDED.needs, provision_area = EXCLUDED.provision_area, tier = EXCLUDED.tier, min_age = EXCLUDED.min_age,
                    max_age = EXCLUDED.max_age, areas_served = EXCLUDED.areas_served, delivery_modes = EXCLUDED.delivery_modes,
                    budget_eligible = EXCLUDED.budget_eligible, free = EXCLUDED.free, from_price_pence = EXCLUDED.from_price_pence,
                    snapshot = EXCLUDED.snapshot, published_at = EXCLUDED.published_at, updated_at = now()
                WHERE catalogue_offers.version < EXCLUDED.version
                """,
                new
                {
                    m.OfferId, m.ProviderId, m.Version, offer.Name, offer.Description, offer.ProviderName, offer.ServiceType,
                    Needs = offer.Needs.ToArray(), offer.ProvisionArea, offer.Tier, offer.MinAge, offer.MaxAge,
                    AreasServed = offer.AreasServed.ToArray(), DeliveryModes = offer.DeliveryModes.ToArray(), offer.BudgetEligible,
                    Free = prices.Count > 0 && prices.Min() == 0,
                    FromPricePence = prices.Count > 0 ? prices.Where(p => p > 0).DefaultIfEmpty(0).Min() : (long?)null,
                    Snapshot = JsonSerializer.Serialize(offer, Json), m.PublishedAt,
                }, transaction, cancellationToken: ct));
            if (changed == 0)
            {
                return; // an older version arrived late: what we hold is newer
            }

            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM catalogue_locations WHERE offer_id = @OfferId", new { m.OfferId }, transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                """
                INSERT INTO catalogue_locations (id, offer_id, location_id, ordinal, address_line, town, postcode, latitude, longitude)
                SELECT md5(@OfferId::text || '/service-at-location/' || l.ordinal)::uuid, @OfferId, md5(@OfferId::text || '/location/' || l.ordinal)::uuid,
                       l.ordinal, l.address_line, l.town, l.postcode, l.latitude, l.longitude
                FROM unnest(@Ordinals, @Lines, @Towns, @Postcodes, @Latitudes, @Longitudes) AS l(ordinal, address_line, town, postcode, latitude, longitude)
                """,
                new
                {
                    m.OfferId,
                    Ordinals = offer.Locations.Select((_, i) => i).ToArray(),
                    Lines = offer.Locations.Select(l => l.AddressLine ?? "").ToArray(),
                    Towns = offer.Locations.Select(l => l.Town ?? "").ToArray(),
                    Postcodes = offer.Locations.Select(l => l.Postcode ?? "").ToArray(),
                    Latitudes = offer.Locations.Select(l => l.Latitude).ToArray(),
                    Longitudes = offer.Locations.Select(l => l.Longitude).ToArray(),
                }, transaction, cancellationToken: ct));
            await SearchWords.AddAsync(transaction, $"{offer.Name} {offer.ServiceType} {offer.Description} {offer.ProviderName}", ct);
        });
}
