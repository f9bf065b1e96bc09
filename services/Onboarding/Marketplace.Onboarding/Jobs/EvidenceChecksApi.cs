using System.Security.Claims;
using Marketplace.Onboarding.Features.Providers;
using Marketplace.ServiceDefaults.Security;

namespace Marketplace.Onboarding.Jobs;

public static class EvidenceChecksApi
{
    /// <summary>An officer runs the evidence check now, rather than waiting for the night's run.</summary>
    public static IEndpointRouteBuilder MapEvidenceChecksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/onboarding/evidence-checks", async (ClaimsPrincipal user, EvidenceExpiryCheck check, TimeProvider clock, CancellationToken ct) =>
            {
                var result = await check.RunAsync(clock.GetUtcNow(), Actor.From(user), ct);
                return Results.Ok(new { suspended = result.Suspended, warnings = result.Warnings });
            })
            .RequireAuthorization(p => p.RequireRole(MarketplaceRoles.LaOfficer));
        return app;
    }
}
