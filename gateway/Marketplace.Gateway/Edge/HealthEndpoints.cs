using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Marketplace.Gateway.Edge;

/// <summary><c>/health/live</c>: the gateway runs. <c>/health/ready</c>: identity and catalogue are ready too.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = check => check.Tags.Contains("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") });
        return app;
    }
}
