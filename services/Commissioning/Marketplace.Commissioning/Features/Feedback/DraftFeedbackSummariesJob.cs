using Quartz;

namespace Marketplace.Commissioning.Features.Feedback;

/// <summary>
/// Once a year (cron <c>Jobs:DraftFeedbackSummaries</c>, by default 1 February at 04:00 UTC; clustered, so it fires once
/// across replicas) drafts the previous calendar year's "you said, we did" summary of every LA that received feedback,
/// for an officer to check and publish. A summary already published is left alone.
/// </summary>
[DisallowConcurrentExecution]
public sealed class DraftFeedbackSummariesJob(FeedbackSummaries summaries, TimeProvider clock, ILogger<DraftFeedbackSummariesJob> logger) : IJob
{
    public const string Name = "draft-feedback-summaries";
    public const string DefaultCron = "0 0 4 1 2 ?";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var drafted = await summaries.DraftYearAsync(now.Year - 1, Officer.Scheduler, now, cancellationToken);
        logger.LogInformation("Drafted the {Year} feedback summaries of {Count} local authorities", now.Year - 1, drafted.Count);
    }
}
