using System.Security.Claims;
using System.Text.Json;
using Dapper;
using Marketplace.Contracts.Onboarding;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Security;
using Npgsql;

namespace Marketplace.Onboarding.Features.Offers;

/// <summary>A provider's offers, from draft to published and withdrawn.</summary>
public static class OffersApi
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapOffersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/onboarding").RequireAuthorization();
        api.MapGet("/providers/{providerId:guid}/offers", ListOffers);
        api.MapPost("/providers/{providerId:guid}/offers", CreateOffer).RequireAuthorization(p => p.RequireRole(MarketplaceRoles.Provider));
        api.MapGet("/offers/{offerId:guid}", GetOffer);
        api.MapPost("/offers/{offerId:guid}/publication", PublishOffer).RequireAuthorization(p => p.RequireRole(MarketplaceRoles.Provider));
        api.MapDelete("/offers/{offerId:guid}/publication", WithdrawOffer).RequireAuthorization(p => p.RequireRole(MarketplaceRoles.Provider, MarketplaceRoles.LaOfficer));
        return app;
    }

    public sealed class OfferSummary
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
        public string Status { get; set; } = "";
        public int Version { get; set; }
        public DateTimeOffset UpdatedAt { get; set; }
    }

    public sealed record OfferView(Guid Id, Guid ProviderId, string Status, int Version, OfferDetails Details, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt);

    private static async Task<IResult> ListOffers(Guid providerId, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        if (!CanRead(user, providerId))
        {
            return Forbidden();
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        var offers = await connection.QueryAsync<OfferSummary>(new CommandDefinition(
            "SELECT id, name, status, version, updated_at FROM offers WHERE provider_id = @providerId ORDER BY updated_at DESC, id",
            new { providerId }, cancellationToken: ct));
        return Results.Ok(offers);
    }

    private static async Task<IResult> CreateOffer(Guid providerId, OfferRequest request, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (!user.ActsForProvider(providerId))
        {
            return Forbidden();
        }

        var (details, errors) = request.Validate();
        if (details is null)
        {
            return errors.ToResult();
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM providers WHERE id = @providerId)", new { providerId }, cancellationToken: ct));
        if (!exists)
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The provider");
        }

        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO offers (id, provider_id, status, version, name, details, created_at, updated_at)
            VALUES (@id, @providerId, 'draft', 0, @name, @details::jsonb, @now, @now)
            """,
            new { id, providerId, name = details.Name, details = JsonSerializer.Serialize(details, Json), now }, cancellationToken: ct));
        return Results.Created($"/api/onboarding/offers/{id}", new { id });
    }

    private static async Task<IResult> GetOffer(Guid offerId, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<OfferRow>(new CommandDefinition(
            "SELECT id, provider_id, status, version, details::text AS details, updated_at, published_at FROM offers WHERE id = @offerId",
            new { offerId }, cancellationToken: ct));
        if (row is null || !CanRead(user, row.ProviderId))
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The offer");
        }

        return Results.Ok(new OfferView(row.Id, row.ProviderId, row.Status, row.Version, JsonSerializer.Deserialize<OfferDetails>(row.Details, Json)!, row.UpdatedAt, row.PublishedAt));
    }

    private static async Task<IResult> PublishOffer(Guid offerId, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var offer = await LockOfferAsync(transaction, offerId, ct);
        if (offer is null || !user.ActsForProvider(offer.ProviderId))
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The offer");
        }

        if (offer.ProviderStatus != "approved")
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The provider is not approved",
                detail: $"Only a provider the local authority has approved can publish offers. This provider is {offer.ProviderStatus}.");
        }

        if (offer.Status == "published")
        {
            // Publishing again without a change is answered, not repeated.
            return Results.Ok(new { offerId, version = offer.Version });
        }

        var version = await PublishAsync(transaction, offer, clock.GetUtcNow(), ct);
        await transaction.CommitAsync(ct);
        return Results.Ok(new { offerId, version });
    }

    private static async Task<IResult> WithdrawOffer(Guid offerId, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var offer = await LockOfferAsync(transaction, offerId, ct);
        var officerOfArea = user.IsInRole(MarketplaceRoles.LaOfficer) && offer is not null && offer.AreasServed.Contains(user.LocalAuthority());
        if (offer is null || !(user.ActsForProvider(offer.ProviderId) || officerOfArea))
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The offer");
        }

        if (offer.Status != "published")
        {
            return Results.NoContent();
        }

        var now = clock.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE offers SET status = 'withdrawn', updated_at = @now WHERE id = @offerId", new { offerId, now }, transaction, cancellationToken: ct));
        var reason = officerOfArea && !user.ActsForProvider(offer.ProviderId) ? "Withdrawn by the local authority" : "Withdrawn by the provider";
        await Outbox.EnqueueAsync(transaction, new OfferWithdrawn(offerId, offer.ProviderId, offer.Version, reason, now), ct);
        await transaction.CommitAsync(ct);
        return Results.NoContent();
    }

    /// <summary>Makes the next version of an offer public: the row and its <see cref="OfferPublished"/> commit together.</summary>
    internal static async Task<int> PublishAsync(NpgsqlTransaction transaction, LockedOffer offer, DateTimeOffset now, CancellationToken ct)
    {
        var version = await transaction.Connection!.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            UPDATE offers SET status = 'published', version = version + 1, published_at = @now, updated_at = @now
            WHERE id = @id
            RETURNING version
            """, new { id = offer.Id, now }, transaction, cancellationToken: ct));
        var details = JsonSerializer.Deserialize<OfferDetails>(offer.Details, Json)!;
        await Outbox.EnqueueAsync(transaction, new OfferPublished(offer.Id, offer.ProviderId, version, details.ToSnapshot(offer.ProviderName), now), ct);
        return version;
    }

    internal static Task<LockedOffer?> LockOfferAsync(NpgsqlTransaction transaction, Guid offerId, CancellationToken ct) =>
        transaction.Connection!.QuerySingleOrDefaultAsync<LockedOffer>(new CommandDefinition(
            """
            SELECT o.id, o.provider_id, o.status, o.version, o.details::text AS details, p.name AS provider_name, p.status AS provider_status,
                   ARRAY(SELECT jsonb_array_elements_text(o.details -> 'areasServed')) AS areas_served
            FROM offers o JOIN providers p ON p.id = o.provider_id
            WHERE o.id = @offerId
            FOR UPDATE OF o
            """, new { offerId }, transaction, cancellationToken: ct));

    private static bool CanRead(ClaimsPrincipal user, Guid providerId) =>
        user.ActsForProvider(providerId) || user.IsInRole(MarketplaceRoles.LaOfficer);

    private static IResult Forbidden() => Results.Problem(statusCode: StatusCodes.Status403Forbidden,
        title: "You cannot act for this provider", detail: "Your account acts for a different organisation.");

    private sealed class OfferRow
    {
        public Guid Id { get; set; }
        public Guid ProviderId { get; set; }
        public string Status { get; set; } = "";
        public int Version { get; set; }
        public string Details { get; set; } = "";
        public DateTimeOffset UpdatedAt { get; set; }
        public DateTimeOffset? PublishedAt { get; set; }
    }

    /// <summary>A class rather than a positional record: Dapper hands PostgreSQL arrays to constructors as <see cref="Array"/>.</summary>
    internal sealed class LockedOffer
    {
        public Guid Id { get; set; }
        public Guid ProviderId { get; set; }
        public string Status { get; set; } = "";
        public int Version { get; set; }
        public string Details { get; set; } = "";
        public string ProviderName { get; set; } = "";
        public string ProviderStatus { get; set; } = "";
        public string[] AreasServed { get; set; } = [];
    }
}
