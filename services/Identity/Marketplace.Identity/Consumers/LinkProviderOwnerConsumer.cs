using Dapper;
using MassTransit;
using Marketplace.Contracts.Onboarding;
using Marketplace.ServiceDefaults.Messaging;
using Npgsql;

namespace Marketplace.Identity.Consumers;

/// <summary>
/// Makes the provider user who registered an organisation act for it: their next token (sign-in or refresh)
/// carries <c>org_id</c>. A user already acting for an organisation is never moved to another.
/// </summary>
public sealed class LinkProviderOwnerConsumer(NpgsqlDataSource dataSource) : IConsumer<ProviderRegistered>
{
    public Task Consume(ConsumeContext<ProviderRegistered> context) =>
        Inbox.HandleOnceAsync(dataSource, context, nameof(LinkProviderOwnerConsumer), transaction =>
            Guid.TryParse(context.Message.OwnerUserId, out var userId)
                ? transaction.Connection!.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE users SET organisation_type = 'provider', organisation_id = @providerId, concurrency_stamp = gen_random_uuid()::text
                    WHERE id = @userId AND role = 'provider' AND organisation_id IS NULL
                    """, new { userId, providerId = context.Message.ProviderId.ToString() }, transaction, cancellationToken: context.CancellationToken))
                : Task.CompletedTask);
}
