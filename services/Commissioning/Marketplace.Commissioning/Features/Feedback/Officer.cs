using System.Security.Claims;
using Marketplace.ServiceDefaults.Security;

namespace Marketplace.Commissioning.Features.Feedback;

/// <summary>Who did something, as the records keep it.</summary>
public sealed record Officer(string Id, string Name, string? LocalAuthority)
{
    public static readonly Officer Scheduler = new("system", "Yearly summary job", null);

    public static Officer From(ClaimsPrincipal user) => new(
        user.UserId() ?? "unknown",
        user.FindFirst(MarketplaceClaims.Name)?.Value ?? user.FindFirst(MarketplaceClaims.Email)?.Value ?? "unknown",
        user.LocalAuthority());
}
