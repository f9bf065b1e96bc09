using Dapper;
using MassTransit;
using Marketplace.Commissioning.Features.Demand;
using Marketplace.Contracts.Catalogue;
using Marketplace.ServiceDefaults.Messaging;
using Npgsql;

namespace Marketplace.Commissioning.Consumers;

/// <summary>
/// Counts each public search once (its first page), by the area, need, age, provision area and service type it
/// asked for, and whether it found nothing or nearly nothing. A search id seen before adds nothing.
/// </summary>
public sealed class CountSearchConsumer(NpgsqlDataSource dataSource) : IConsumer<SearchPerformed>
{
    public Task Consume(ConsumeContext<SearchPerformed> context) =>
        Inbox.HandleOnceAsync(dataSource, context, nameof(CountSearchConsumer), transaction =>
            ApplyAsync(transaction, context.Message, context.CancellationToken));

    public static async Task<bool> ApplyAsync(NpgsqlTransaction transaction, SearchPerformed m, CancellationToken ct)
    {
        if (m.Page != 1)
        {
            return false;
        }

        var inserted = await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO searches (search_id, la, need, age, provision_area, service_type, result_count, performed_at)
            VALUES (@SearchId, @La, @Need, @Age, @ProvisionArea, @ServiceType, @ResultCount, @PerformedAt)
            ON CONFLICT (search_id) DO NOTHING
            """,
            new
            {
                m.SearchId, La = m.LocalAuthority ?? "", Need = m.Need ?? "", m.Age, ProvisionArea = m.ProvisionArea ?? "",
                ServiceType = m.ServiceType ?? "", m.ResultCount, m.PerformedAt,
            }, transaction, cancellationToken: ct));
        if (inserted == 0)
        {
            return false;
        }

        await Rollups.AddSearchAsync(transaction, m.SearchId, ct);
        return true;
    }
}
