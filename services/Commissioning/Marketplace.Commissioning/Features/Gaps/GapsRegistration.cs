using MassTransit;
using Marketplace.Commissioning.Consumers;
using Marketplace.Commissioning.Features.Demand;
using Marketplace.Commissioning.Import;
using Quartz;

namespace Marketplace.Commissioning.Features.Gaps;

/// <summary>Demand, supply and gaps: the consumers that count, the DfE baseline, the rollup rebuild job and the API.</summary>
public static class GapsRegistration
{
    public static void AddDemandConsumers(this IBusRegistrationConfigurator bus)
    {
        bus.AddConsumer<KeepOfferSnapshotConsumer>();
        bus.AddConsumer<DropWithdrawnOfferConsumer>();
        bus.AddConsumer<TrackProviderStatusConsumer>();
        bus.AddConsumer<CountSearchConsumer>();
        bus.AddConsumer<CountBudgetsConsumer>();
        bus.AddConsumer<CountOrdersConsumer>();
    }

    public static void AddDemandJobs(this IQuartzBuilder quartz, IConfiguration configuration) =>
        quartz.ScheduleJob<RebuildRollupsJob>(trigger => trigger
            .WithIdentity("rebuild-rollups")
            .WithCronSchedule(configuration["Jobs:RebuildRollups"] ?? "0 30 2 * * ?"));

    public static WebApplicationBuilder AddGaps(this WebApplicationBuilder builder)
    {
        builder.Services.AddHostedService<BaselineSeeder>();
        return builder;
    }

    public static WebApplication MapGaps(this WebApplication app)
    {
        app.MapGapsApi();
        app.MapBaselineApi();
        return app;
    }
}
