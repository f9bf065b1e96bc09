using System.Reflection;
using MassTransit;
using Marketplace.ServiceDefaults.Data;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Jobs;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;

namespace Marketplace.ServiceDefaults;

/// <summary>What every service shares: logging, its database and migrations, the bus with outbox and inbox,
/// token validation, problem details, health, OpenAPI and the clustered Quartz scheduler.</summary>
public static class ServiceDefaultsExtensions
{
    /// <param name="serviceName">Lower-case service name: database <c>marketplace_{name}</c>, queue prefix, scheduler name.</param>
    /// <param name="configureBus">Registers the service's consumers.</param>
    /// <param name="configureJobs">Registers the service's Quartz jobs.</param>
    public static WebApplicationBuilder AddServiceDefaults(
        this WebApplicationBuilder builder,
        string serviceName,
        Action<IBusRegistrationConfigurator>? configureBus = null,
        Action<IQuartzBuilder>? configureJobs = null)
    {
        var services = builder.Services;
        var configuration = builder.Configuration;

        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
        {
            builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss "; });
        }
        else
        {
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
        }

        services.AddSingleton(TimeProvider.System);
        services.AddProblemDetails();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        // Unreadable requests reach the exception handler, which names the field (see BadRequestExceptionHandler).
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi();

        // Database: one data source per service; migrations run first, before the bus, the relay and Quartz.
        var database = new ServiceDatabase(serviceName, configuration);
        services.AddSingleton(database);
        services.AddSingleton(_ => NpgsqlDataSource.Create(database.ConnectionString));
        services.AddSingleton(new MigrationSources([typeof(ServiceDefaultsExtensions).Assembly, Assembly.GetEntryAssembly()!]));
        services.AddSingleton<MigrationRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<MigrationRunner>());

        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<BrokerHealthCheck>("broker", tags: ["ready"]);

        AddBus(services, configuration, serviceName, configureBus);
        services.Configure<OutboxOptions>(configuration.GetSection("Outbox"));
        services.AddHostedService<OutboxRelay>();

        AddTokenValidation(services, configuration);
        AddScheduler(services, configuration, serviceName, database, configureJobs);
        return builder;
    }

    private static void AddBus(IServiceCollection services, IConfiguration configuration, string serviceName, Action<IBusRegistrationConfigurator>? configureBus)
    {
        var amqp = new Uri(configuration.GetConnectionString("RabbitMq")
            ?? throw new InvalidOperationException("ConnectionStrings:RabbitMq is not set."));
        services.AddMassTransit(bus =>
        {
            // Queue names carry the service's prefix so two services never share a queue by accident.
            bus.SetEndpointNameFormatter(new KebabCaseEndpointNameFormatter(serviceName, false));
            configureBus?.Invoke(bus);
            ConsumerQueues.CheckAgainstTable(services, serviceName);
            bus.UsingRabbitMq((context, rabbit) =>
            {
                var credentials = amqp.UserInfo.Split(':', 2);
                var virtualHost = Uri.UnescapeDataString(amqp.AbsolutePath.TrimStart('/'));
                rabbit.Host(amqp.Host, (ushort)(amqp.IsDefaultPort ? 5672 : amqp.Port), string.IsNullOrEmpty(virtualHost) ? "/" : virtualHost, host =>
                {
                    host.Username(Uri.UnescapeDataString(credentials[0]));
                    host.Password(credentials.Length > 1 ? Uri.UnescapeDataString(credentials[1]) : "");
                    host.PublisherConfirmation = true;
                });
                // Transient faults are retried; what still fails lands in <queue>_error with its fault headers.
                rabbit.UseMessageRetry(retry => retry.Intervals(100, 500, 2_000, 5_000));
                ConsumerQueues.DeclareOnPublish(rabbit);
                rabbit.ConfigureEndpoints(context);
            });
        });
    }

    private static void AddTokenValidation(IServiceCollection services, IConfiguration configuration)
    {
        var identity = configuration["Services:Identity"]
            ?? throw new InvalidOperationException("Services:Identity (the identity service's URL) is not set.");
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            // Only standard OIDC metadata is relied on: any provider with discovery and JWKS can replace ours.
            options.MetadataAddress = $"{identity.TrimEnd('/')}/.well-known/openid-configuration";
            options.RequireHttpsMetadata = identity.StartsWith("https://", StringComparison.OrdinalIgnoreCase);
            options.Audience = MarketplaceClaims.Audience;
            options.MapInboundClaims = false;
            options.TokenValidationParameters.NameClaimType = MarketplaceClaims.Name;
            options.TokenValidationParameters.RoleClaimType = MarketplaceClaims.Role;
            options.TokenValidationParameters.ClockSkew = TimeSpan.FromSeconds(30);
        });
        services.AddAuthorization();
    }

    private static void AddScheduler(IServiceCollection services, IConfiguration configuration, string serviceName, ServiceDatabase database, Action<IQuartzBuilder>? configureJobs)
    {
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler => scheduler.InstanceName = serviceName);
            quartz.UsePersistentStore(store =>
            {
                // Quartz creates its own tables (and only creates) so they always match this Quartz version.
                store.ProvisionSchema();
                store.UsePostgres(database.ConnectionString);
                store.UseSystemTextJsonSerializer(_ => { });
                // Every replica of a service shares its database; each trigger fires once across them.
                store.UseClustering(_ => { });
            });
            quartz.ScheduleJob<PurgeHandledMessagesJob>(trigger => trigger
                .WithIdentity("purge-handled-messages")
                .WithCronSchedule(configuration["Jobs:PurgeHandledMessages"] ?? "0 15 3 * * ?"));
            configureJobs?.Invoke(quartz);
        });
        services.AddQuartzHostedService(options => options.WaitForJobsToComplete = true);
    }

    /// <summary>Health, problem details, OpenAPI, authentication: everything a service maps before its own API.</summary>
    public static WebApplication MapServiceDefaults(this WebApplication app)
    {
        // The gateway (on loopback, a known proxy by default) tells us the public scheme and host.
        app.UseForwardedHeaders(new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost,
        });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        // Ready only when the database and the broker both work.
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains("ready"),
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status503ServiceUnavailable,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        });
        app.MapOpenApi();
        return app;
    }

    /// <summary>A 403 or 404 that never says whether a record the caller may not see exists.</summary>
    public static IResult NotFoundProblem(string what) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{what} was not found");
}
