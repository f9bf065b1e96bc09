using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.Gateway.Backend;

/// <summary>
/// The back channel to the services: one HTTP client per service, its base address from
/// <c>Services:&lt;Service&gt;</c> (<c>Services__Catalogue</c> and so on).
/// </summary>
public static class Backends
{
    public const string Identity = "Identity";
    public const string Onboarding = "Onboarding";
    public const string Catalogue = "Catalogue";
    public const string Purchasing = "Purchasing";
    public const string Commissioning = "Commissioning";

    /// <summary>The name of the client the edge forwards through (no base address, no timeout on the body).</summary>
    public const string EdgeClient = "edge";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Uri? BaseAddress(IConfiguration configuration, string service) =>
        Uri.TryCreate(configuration[$"Services:{service}"], UriKind.Absolute, out var uri) ? uri : null;

    public static WebApplicationBuilder AddBackends(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddHttpClient<IdentityClient>(ForService(Identity)).ConfigurePrimaryHttpMessageHandler(Handler);
        services.AddHttpClient<CatalogueClient>(ForService(Catalogue)).ConfigurePrimaryHttpMessageHandler(Handler);
        services.AddHttpClient<OnboardingClient>(ForService(Onboarding)).ConfigurePrimaryHttpMessageHandler(Handler);
        services.AddHttpClient<PurchasingClient>(ForService(Purchasing)).ConfigurePrimaryHttpMessageHandler(Handler);
        services.AddHttpClient<GapsClient>(ForService(Commissioning)).ConfigurePrimaryHttpMessageHandler(Handler);
        services.AddHttpClient(EdgeClient, c => c.Timeout = TimeSpan.FromSeconds(60)).ConfigurePrimaryHttpMessageHandler(Handler);

        services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddTypeActivatedCheck<DownstreamReadyCheck>("identity", null, ["ready"], Identity)
            .AddTypeActivatedCheck<DownstreamReadyCheck>("catalogue", null, ["ready"], Catalogue);
        return builder;
    }

    private static Action<IServiceProvider, HttpClient> ForService(string service) => (sp, client) =>
    {
        client.BaseAddress = BaseAddress(sp.GetRequiredService<IConfiguration>(), service);
        client.Timeout = TimeSpan.FromSeconds(15);
    };

    /// <summary>Loopback services: never through a proxy, never follow redirects, never keep cookies.</summary>
    private static SocketsHttpHandler Handler() => new()
    {
        UseProxy = false,
        UseCookies = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        ConnectTimeout = TimeSpan.FromSeconds(5),
    };
}
