using Dapper;
using MassTransit;
using Marketplace.Contracts.Onboarding;
using Marketplace.ServiceDefaults.Messaging;
using Npgsql;

namespace Marketplace.Commissioning.Consumers;

/// <summary>
/// A suspended provider's offers leave the supply counted; reinstatement brings them back. Ordered by the
/// provider's status version, so a late event never undoes a newer one.
/// </summary>
public sealed class TrackProviderStatusConsumer(NpgsqlDataSource dataSource) : IConsumer<ProviderSuspended>, IConsumer<ProviderReinstated>
{
    public Task Consume(ConsumeContext<ProviderSuspended> context) =>
        Inbox.HandleOnceAsync(dataSource, context, nameof(TrackProviderStatusConsumer), transaction =>
            ApplyAsync(transaction, context.Message.ProviderId, suspended: true, context.Message.StatusVersion, context.CancellationToken));

    public Task Consume(ConsumeContext<ProviderReinstated> context) =>
        Inbox.HandleOnceAsync(dataSource, context, nameof(TrackProviderStatusConsumer), transaction =>
            ApplyAsync(transaction, context.Message.ProviderId, suspended: false, context.Message.StatusVersion, context.CancellationToken));

    public static Task<int> ApplyAsync(NpgsqlTransaction transaction, Guid providerId, bool suspended, int statusVersion, CancellationToken ct) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO providers (provider_id, suspended, status_version) VALUES (@providerId, @suspended, @statusVersion)
            ON CONFLICT (provider_id) DO UPDATE SET suspended = EXCLUDED.suspended, status_version = EXCLUDED.status_version
            WHERE providers.status_version < EXCLUDED.status_version
            """, new { providerId, suspended, statusVersion }, transaction, cancellationToken: ct));
}
