using Marketplace.Onboarding.Features.Providers;
using Quartz;

namespace Marketplace.Onboarding.Jobs;

/// <summary>The daily evidence check (cron <c>Jobs:CheckEvidenceExpiry</c>, clustered: it fires once across replicas).</summary>
[DisallowConcurrentExecution]
public sealed class CheckEvidenceExpiryJob(EvidenceExpiryCheck check, TimeProvider clock, ILogger<CheckEvidenceExpiryJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var result = await check.RunAsync(clock.GetUtcNow(), Actor.Scheduler, cancellationToken);
        logger.LogInformation("Evidence check suspended {Suspended} providers and sent {Warnings} warnings", result.Suspended.Count, result.Warnings);
    }
}
