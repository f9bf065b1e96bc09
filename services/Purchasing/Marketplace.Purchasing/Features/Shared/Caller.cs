using System.Security.Claims;
using Marketplace.ServiceDefaults.Security;

namespace Marketplace.Purchasing.Features.Shared;

/// <summary>
/// Who is calling, as purchasing needs it: the token's <c>sub</c>, <c>email</c>, <c>role</c>, <c>la</c> and
/// <c>org_id</c>. Handlers take a caller rather than a <see cref="ClaimsPrincipal"/>, so tests can drive them directly.
/// </summary>
public sealed record Caller(string UserId, string? Email, string Role, string? LocalAuthority, string? OrganisationId)
{
    public static Caller From(ClaimsPrincipal user) => new(
        user.UserId() ?? "",
        user.FindFirst(MarketplaceClaims.Email)?.Value,
        user.FindFirst(MarketplaceClaims.Role)?.Value ?? "",
        user.LocalAuthority(),
        user.OrganisationId());

    public bool Is(params string[] roles) => roles.Contains(Role, StringComparer.Ordinal);

    public bool ActsForProvider(Guid providerId) =>
        Role == MarketplaceRoles.Provider && Guid.TryParse(OrganisationId, out var own) && own == providerId;

    public bool IsOfficerOf(string? localAuthority) =>
        Role == MarketplaceRoles.LaOfficer && localAuthority is not null && string.Equals(LocalAuthority, localAuthority, StringComparison.Ordinal);

    /// <summary>
    /// A budget's holder is named by user id, or by email when the officer knows only that (e.g. before the
    /// holder has signed in): the token's <c>email</c> claim, compared case-insensitively, then identifies them.
    /// </summary>
    public bool Holds(string? holderUserId, string? holderEmail) =>
        (holderUserId is not null && holderUserId == UserId)
        || (holderEmail is not null && Email is not null && string.Equals(holderEmail, Email, StringComparison.OrdinalIgnoreCase));
}
