using Dapper;
using Marketplace.Contracts.Onboarding;
using Marketplace.ServiceDefaults.Messaging;
using Npgsql;

namespace Marketplace.Onboarding.Features.Providers;

public static class ProviderStates
{
    public const string Draft = "draft";
    public const string Submitted = "submitted";
    public const string Approved = "approved";
    public const string ChangesRequested = "changes-requested";
    public const string Rejected = "rejected";
    public const string Suspended = "suspended";
}

/// <summary>
/// The one place a provider's status changes: the row, the audit entry (who, when, what, why) and the
/// event commit together in the caller's transaction.
/// </summary>
public static class ProviderStatus
{
    public sealed class LockedProvider
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
        public string Sector { get; set; } = "";
        public string Status { get; set; } = "";
        public string[] AreasServed { get; set; } = [];
        public int StatusVersion { get; set; }
    }

    public static Task<LockedProvider?> LockAsync(NpgsqlTransaction transaction, Guid providerId, CancellationToken ct) =>
        transaction.Connection!.QuerySingleOrDefaultAsync<LockedProvider>(new CommandDefinition(
            "SELECT id, name, sector, status, areas_served, status_version FROM providers WHERE id = @providerId FOR UPDATE",
            new { providerId }, transaction, cancellationToken: ct));

    /// <summary>Which status each action may start from, and where it leads.</summary>
    public static readonly IReadOnlyDictionary<string, (string[] From, string To)> Transitions = new Dictionary<string, (string[], string)>
    {
        ["submitted"] = ([ProviderStates.Draft, ProviderStates.ChangesRequested], ProviderStates.Submitted),
        ["approved"] = ([ProviderStates.Submitted], ProviderStates.Approved),
        ["changes-requested"] = ([ProviderStates.Submitted], ProviderStates.ChangesRequested),
        ["rejected"] = ([ProviderStates.Submitted], ProviderStates.Rejected),
        ["suspended"] = ([ProviderStates.Approved], ProviderStates.Suspended),
        ["reinstated"] = ([ProviderStates.Suspended], ProviderStates.Approved),
    };

    public static async Task<int> ChangeAsync(
        NpgsqlTransaction transaction, LockedProvider provider, string action, Actor actor, string reason, DateTimeOffset now, CancellationToken ct)
    {
        var (_, to) = Transitions[action];
        var version = await transaction.Connection!.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            UPDATE providers SET status = @to, status_version = status_version + 1, updated_at = @now, last_reason = @reason,
                submitted_at = CASE WHEN @to = 'submitted' THEN @now ELSE submitted_at END,
                decided_at = CASE WHEN @to = 'submitted' THEN decided_at ELSE @now END
            WHERE id = @id
            RETURNING status_version
            """, new { id = provider.Id, to, now, reason }, transaction, cancellationToken: ct));
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit_trail (at, actor_id, actor_name, actor_role, provider_id, action, from_status, to_status, reason)
            VALUES (@now, @ActorId, @ActorName, @ActorRole, @providerId, @action, @from, @to, @reason)
            """,
            new { now, ActorId = actor.Id, ActorName = actor.Name, ActorRole = actor.Role, providerId = provider.Id, action, from = provider.Status, to, reason },
            transaction, cancellationToken: ct));

        switch (action)
        {
            case "approved":
                await Outbox.EnqueueAsync(transaction, new ProviderApproved(provider.Id, provider.Name, provider.Sector, provider.AreasServed, version, now), ct);
                break;
            case "suspended":
                await Outbox.EnqueueAsync(transaction, new ProviderSuspended(provider.Id, reason, version, now), ct);
                break;
            case "reinstated":
                await Outbox.EnqueueAsync(transaction, new ProviderReinstated(provider.Id, reason, version, now), ct);
                break;
        }

        provider.Status = to;
        provider.StatusVersion = version;
        return version;
    }
}
