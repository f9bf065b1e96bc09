using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Marketplace.Onboarding.Features.Providers;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Security;
using Npgsql;

namespace Marketplace.Onboarding.Features.Offers;

/// <summary>
/// Editing offers. A change to a published offer is published as the next version when the provider saves
/// it, unless a local authority the offer serves moderates a field set the change touches: then it waits
/// for an officer. Capacity updates are never held.
/// </summary>
public static class OfferEditsApi
{
    public sealed record CapacityRequest(int? Places, int? TypicalWaitWeeks);

    public sealed record ModerationSettingsRequest(List<string>? FieldSets);

    public sealed record ModerationDecision(string? Outcome, string? Reason);

    public static IEndpointRouteBuilder MapOfferEditsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/onboarding").RequireAuthorization();
        var provider = api.MapGroup("").RequireAuthorization(p => p.RequireRole(MarketplaceRoles.Provider));
        var officer = api.MapGroup("").RequireAuthorization(p => p.RequireRole(MarketplaceRoles.LaOfficer));
        provider.MapPut("/offers/{offerId:guid}", Edit);
        provider.MapPut("/offers/{offerId:guid}/capacity", UpdateCapacity);
        officer.MapGet("/moderation-settings", GetSettings);
        officer.MapPut("/moderation-settings", PutSettings);
        officer.MapGet("/moderation-queue", Queue);
        officer.MapPost("/offers/{offerId:guid}/moderation", Moderate);
        return app;
    }

    private static async Task<IResult> Edit(Guid offerId, OfferRequest request, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var (details, errors) = request.Validate();
        if (details is null)
        {
            return errors.ToResult();
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var offer = await OffersApi.LockOfferAsync(transaction, offerId, ct);
        if (offer is null || !user.ActsForProvider(offer.ProviderId))
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The offer");
        }

        var now = clock.GetUtcNow();
        var current = JsonSerializer.Deserialize<OfferDetails>(offer.Details, OffersApi.Json)!;
        if (offer.Status != "published")
        {
            await SaveDetailsAsync(transaction, offer, details, now, ct);
            await transaction.CommitAsync(ct);
            return Results.Ok(new { offerId, offer.Status, offer.Version });
        }

        var changed = OfferFieldSets.Changed(current, details);
        if (changed.Count == 0)
        {
            return Results.Ok(new { offerId, offer.Status, offer.Version });
        }

        var moderated = (await connection.QueryAsync<string>(new CommandDefinition(
            """
            SELECT DISTINCT f FROM moderation_settings m, unnest(m.field_sets) f
            WHERE m.local_authority = ANY(@areas) AND f = ANY(@changed)
            ORDER BY f
            """, new { areas = current.AreasServed.Union(details.AreasServed).ToArray(), changed = changed.ToArray() }, transaction, cancellationToken: ct))).ToList();
        if (moderated.Count > 0)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                """
                UPDATE offers SET pending_details = @details::jsonb, pending_field_sets = @moderated, pending_since = @now, updated_at = @now
                WHERE id = @offerId
                """, new { offerId, details = JsonSerializer.Serialize(details, OffersApi.Json), moderated = moderated.ToArray(), now }, transaction, cancellationToken: ct));
            await transaction.CommitAsync(ct);
            return Results.Accepted($"/api/onboarding/offers/{offerId}", new { offerId, status = "awaiting-moderation", fieldSets = moderated, offer.Version });
        }

        await SaveDetailsAsync(transaction, offer, details, now, ct);
        var version = await OffersApi.PublishAsync(transaction, offer, now, ct);
        await transaction.CommitAsync(ct);
        return Results.Ok(new { offerId, status = "published", version });
    }

    private static async Task<IResult> UpdateCapacity(Guid offerId, CapacityRequest request, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors()
            .Require(request.Places is >= 0 and <= 100_000, "places", "Enter the number of places free, 0 or more.")
            .Require(request.TypicalWaitWeeks is null or >= 0 and <= 520, "typicalWaitWeeks", "Enter the typical wait in weeks, 0 or more.");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var offer = await OffersApi.LockOfferAsync(transaction, offerId, ct);
        if (offer is null || !user.ActsForProvider(offer.ProviderId))
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The offer");
        }

        var now = clock.GetUtcNow();
        var details = JsonSerializer.Deserialize<OfferDetails>(offer.Details, OffersApi.Json)! with { Places = request.Places, TypicalWaitWeeks = request.TypicalWaitWeeks };
        await SaveDetailsAsync(transaction, offer, details, now, ct);
        var version = offer.Status == "published" ? await OffersApi.PublishAsync(transaction, offer, now, ct) : offer.Version;
        await transaction.CommitAsync(ct);
        return Results.Ok(new { offerId, offer.Status, version, places = request.Places, typicalWaitWeeks = request.TypicalWaitWeeks });
    }

    private static async Task<IResult> GetSettings(ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var sets = await connection.QuerySingleOrDefaultAsync<string[]>(new CommandDefinition(
            "SELECT field_sets FROM moderation_settings WHERE local_authority = @la", new { la = user.LocalAuthority() }, cancellationToken: ct));
        return Results.Ok(new { localAuthority = user.LocalAuthority(), fieldSets = sets ?? [], available = OfferFieldSets.Sets.Keys });
    }

    private static async Task<IResult> PutSettings(ModerationSettingsRequest request, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        foreach (var unknown in (request.FieldSets ?? []).Where(f => !OfferFieldSets.Sets.ContainsKey(f)))
        {
            errors.Add("fieldSets", $"'{unknown}' is not a field set. Use {string.Join(", ", OfferFieldSets.Sets.Keys)}.");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO moderation_settings (local_authority, field_sets, updated_at, updated_by) VALUES (@la, @sets, @now, @by)
            ON CONFLICT (local_authority) DO UPDATE SET field_sets = EXCLUDED.field_sets, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by
            """,
            new { la = user.LocalAuthority(), sets = (request.FieldSets ?? []).Distinct().ToArray(), now = clock.GetUtcNow(), by = Actor.From(user).Name },
            cancellationToken: ct));
        return Results.NoContent();
    }

    private static async Task<IResult> Queue(ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var pending = await connection.QueryAsync<PendingEdit>(new CommandDefinition(
            """
            SELECT o.id AS offer_id, o.name, p.name AS provider_name, o.pending_field_sets, o.pending_since
            FROM offers o JOIN providers p ON p.id = o.provider_id
            WHERE o.pending_details IS NOT NULL
              AND (o.details -> 'areasServed' ? @la OR o.pending_details -> 'areasServed' ? @la)
            ORDER BY o.pending_since, o.id
            """, new { la = user.LocalAuthority() }, cancellationToken: ct));
        return Results.Ok(pending);
    }

    private static async Task<IResult> Moderate(Guid offerId, ModerationDecision request, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors()
            .Require(request.Outcome is "approved" or "rejected", "outcome", "The outcome must be approved or rejected.")
            .Require(!string.IsNullOrWhiteSpace(request.Reason), "reason", "Give the reason for this decision. The provider will see it.");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var offer = await OffersApi.LockOfferAsync(transaction, offerId, ct);
        var pending = offer is null ? null : await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT pending_details::text FROM offers WHERE id = @offerId", new { offerId }, transaction, cancellationToken: ct));
        if (offer is null || !offer.AreasServed.Contains(user.LocalAuthority()))
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The offer");
        }

        if (pending is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Nothing is waiting for moderation", detail: "This offer has no edit waiting for a decision.");
        }

        var now = clock.GetUtcNow();
        var version = offer.Version;
        if (request.Outcome == "approved")
        {
            await SaveDetailsAsync(transaction, offer, JsonSerializer.Deserialize<OfferDetails>(pending, OffersApi.Json)!, now, ct);
            if (offer.Status == "published")
            {
                version = await OffersApi.PublishAsync(transaction, offer, now, ct);
            }
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE offers SET pending_details = NULL, pending_field_sets = NULL, pending_since = NULL WHERE id = @offerId",
            new { offerId }, transaction, cancellationToken: ct));
        var actor = Actor.From(user);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit_trail (at, actor_id, actor_name, actor_role, provider_id, action, reason)
            VALUES (@now, @Id, @Name, @Role, @providerId, @action, @reason)
            """,
            new { now, actor.Id, actor.Name, actor.Role, providerId = offer.ProviderId, action = $"offer-edit-{request.Outcome}", reason = $"{offer.Id}: {request.Reason!.Trim()}" },
            transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO notices (id, provider_id, kind, dedupe_key, message, created_at)
            VALUES (@id, @providerId, 'offer-moderated', @id::text, @message, @now)
            """,
            new
            {
                id = Guid.CreateVersion7(), providerId = offer.ProviderId, now,
                message = request.Outcome == "approved"
                    ? $"Your change to an offer was approved and is now public. {request.Reason!.Trim()}"
                    : $"Your change to an offer was not accepted: {request.Reason!.Trim()}",
            }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return Results.Ok(new { offerId, outcome = request.Outcome, version });
    }

    private static async Task SaveDetailsAsync(NpgsqlTransaction transaction, OffersApi.LockedOffer offer, OfferDetails details, DateTimeOffset now, CancellationToken ct)
    {
        offer.Details = JsonSerializer.Serialize(details, OffersApi.Json);
        offer.AreasServed = [.. details.AreasServed];
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "UPDATE offers SET details = @details::jsonb, name = @name, updated_at = @now WHERE id = @id",
            new { id = offer.Id, details = offer.Details, name = details.Name, now }, transaction, cancellationToken: ct));
    }

    public sealed class PendingEdit
    {
        public Guid OfferId { get; set; }
        public string Name { get; set; } = "";
        public string ProviderName { get; set; } = "";
        public string[] PendingFieldSets { get; set; } = [];
        public DateTimeOffset PendingSince { get; set; }
    }
}
