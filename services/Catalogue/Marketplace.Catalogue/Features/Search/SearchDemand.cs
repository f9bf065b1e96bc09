using Marketplace.Contracts.Catalogue;
using Marketplace.ServiceDefaults.Messaging;
using Npgsql;

namespace Marketplace.Catalogue.Features.Search;

/// <summary>
/// Records each public search as a <see cref="SearchPerformed"/> event: one outbox row in its own short
/// transaction, relayed to commissioning like any other event. Filters and the count only, never the words.
/// </summary>
public sealed class SearchDemand(NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task RecordAsync(SearchFilters filters, int page, int resultCount, CancellationToken ct)
    {
        var performed = new SearchPerformed(
            Guid.CreateVersion7(), filters.Need, filters.Age, filters.La, filters.Tier, filters.Area, filters.ServiceType, filters.DeliveryMode,
            filters.BudgetEligible == true, filters.Free == true, !string.IsNullOrWhiteSpace(filters.Q), page, resultCount, clock.GetUtcNow());
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await Outbox.EnqueueAsync(transaction, performed, ct);
        await transaction.CommitAsync(ct);
    }
}
