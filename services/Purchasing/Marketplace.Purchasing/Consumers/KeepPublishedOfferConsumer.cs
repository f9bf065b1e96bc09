using System.Text.Json;
using Dapper;
using MassTransit;
using Marketplace.Contracts.Onboarding;
using Marketplace.ServiceDefaults.Messaging;
using Npgsql;

namespace Marketplace.Purchasing.Consumers;

/// <summary>
/// Keeps the offer version, prices, budget eligibility and service type that purchasing sells from. Idempotent
/// twice over: the inbox drops a redelivered message, and the version guard ignores an older version arriving late
/// (including one older than a withdrawal already applied).
/// </summary>
public sealed class KeepPublishedOfferConsumer(NpgsqlDataSource dataSource) : IConsumer<OfferPublished>
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task Consume(ConsumeContext<OfferPublished> context) =>
        Inbox.HandleOnceAsync(dataSource, context, nameof(KeepPublishedOfferConsumer), transaction =>
            ApplyAsync(transaction, context.Message, context.CancellationToken));

    internal static Task<int> ApplyAsync(NpgsqlTransaction transaction, OfferPublished m, CancellationToken ct) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO purchasing_offers (id, provider_id, version, status, name, provider_name, service_type, budget_eligible,
                schools_can_buy, areas_served, cost_options, updated_at)
            VALUES (@OfferId, @ProviderId, @Version, 'published', @Name, @ProviderName, @ServiceType, @BudgetEligible,
                @SchoolsCanBuy, @AreasServed, @CostOptions::jsonb, now())
            ON CONFLICT (id) DO UPDATE SET
                provider_id = EXCLUDED.provider_id, version = EXCLUDED.version, status = 'published', name = EXCLUDED.name,
                provider_name = EXCLUDED.provider_name, service_type = EXCLUDED.service_type, budget_eligible = EXCLUDED.budget_eligible,
                schools_can_buy = EXCLUDED.schools_can_buy, areas_served = EXCLUDED.areas_served, cost_options = EXCLUDED.cost_options,
                updated_at = now()
            WHERE purchasing_offers.version < EXCLUDED.version
            """,
            new
            {
                m.OfferId, m.ProviderId, m.Version, m.Offer.Name, m.Offer.ProviderName, m.Offer.ServiceType, m.Offer.BudgetEligible,
                m.Offer.SchoolsCanBuy, AreasServed = m.Offer.AreasServed.ToArray(), CostOptions = JsonSerializer.Serialize(m.Offer.CostOptions, Json),
            }, transaction, cancellationToken: ct));
}
