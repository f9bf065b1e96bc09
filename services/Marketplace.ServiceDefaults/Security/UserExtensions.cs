using System.Security.Claims;

namespace Marketplace.ServiceDefaults.Security;

public static class UserExtensions
{
    public static string? OrganisationId(this ClaimsPrincipal user) => user.FindFirst(MarketplaceClaims.OrganisationId)?.Value;

    public static string? LocalAuthority(this ClaimsPrincipal user) => user.FindFirst(MarketplaceClaims.LocalAuthority)?.Value;

    public static string? UserId(this ClaimsPrincipal user) => user.FindFirst(MarketplaceClaims.Subject)?.Value;

    /// <summary>True when the user acts for the provider with this id.</summary>
    public static bool ActsForProvider(this ClaimsPrincipal user, Guid providerId) =>
        user.IsInRole(MarketplaceRoles.Provider)
        && Guid.TryParse(user.OrganisationId(), out var own)
        && own == providerId;
}
