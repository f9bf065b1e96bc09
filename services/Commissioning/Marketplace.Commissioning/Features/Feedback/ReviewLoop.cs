using Marketplace.Commissioning.Features.Audit;
using Quartz;

namespace Marketplace.Commissioning.Features.Feedback;

/// <summary>The Local Offer's review loop (feedback, triage, "you said, we did") and its audit: this service's half of issue 6.</summary>
public static class ReviewLoop
{
    public static WebApplicationBuilder AddReviewLoop(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddSingleton<FeedbackSummaries>();

        services.AddSingleton(sp => Rubric.Load(sp.GetRequiredService<IConfiguration>()));
        services.AddSingleton<AuditProposer>();
        services.AddHttpClient<CatalogueEvidence>(client =>
        {
            client.BaseAddress = new Uri(builder.Configuration["Services:Catalogue"]
                ?? throw new InvalidOperationException("Services:Catalogue (the catalogue service's URL) is not set."));
            client.Timeout = TimeSpan.FromSeconds(15);
        });
        return builder;
    }

    /// <summary>The yearly "you said, we did" draft, on the clustered scheduler the service defaults set up.</summary>
    public static void ScheduleReviewLoopJobs(this IQuartzBuilder jobs, IConfiguration configuration) =>
        jobs.ScheduleJob<DraftFeedbackSummariesJob>(trigger => trigger
            .WithIdentity(DraftFeedbackSummariesJob.Name)
            .WithCronSchedule(configuration["Jobs:DraftFeedbackSummaries"] ?? DraftFeedbackSummariesJob.DefaultCron));

    public static WebApplication MapReviewLoop(this WebApplication app)
    {
        app.MapFeedbackApi();
        app.MapAuditApi();
        return app;
    }
}
