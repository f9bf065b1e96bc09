using System.Security.Claims;
using Marketplace.ServiceDefaults.Security;

namespace Marketplace.Onboarding.Features.Providers;

/// <summary>Who made a decision, as the audit trail records it.</summary>
public sealed record Actor(string Id, string Name, string Role)
{
    public static readonly Actor Scheduler = new("system", "Scheduled evidence check", "system");

    public static Actor From(ClaimsPrincipal user) => new(
        user.UserId() ?? "unknown",
        user.FindFirst(MarketplaceClaims.Name)?.Value ?? user.FindFirst(MarketplaceClaims.Email)?.Value ?? "unknown",
        user.FindFirst(MarketplaceClaims.Role)?.Value ?? "unknown");
}
