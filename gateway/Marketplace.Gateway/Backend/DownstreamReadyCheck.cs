using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.Gateway.Backend;

/// <summary>Ready when the service answers 200 on its own <c>/health/ready</c>.</summary>
public sealed class DownstreamReadyCheck(IHttpClientFactory clients, IConfiguration configuration, string service) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var baseAddress = Backends.BaseAddress(configuration, service);
        if (baseAddress is null)
        {
            return HealthCheckResult.Unhealthy($"Services:{service} is not configured.");
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(3));
        try
        {
            using var response = await clients.CreateClient(Backends.EdgeClient)
                .GetAsync(new Uri(baseAddress, "/health/ready"), timeout.Token);
            return response.IsSuccessStatusCode
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy($"{service} answered {(int)response.StatusCode}.");
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{service} did not answer: {e.Message}");
        }
    }
}
