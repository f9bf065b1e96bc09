using Npgsql;
using Quartz;

namespace Marketplace.Commissioning.Features.Demand;

/// <summary>Rebuilds the rollups from the facts (nightly by default, <c>Jobs:RebuildRollups</c>); the same as <c>POST /api/commissioning/rollups/rebuild</c>.</summary>
[DisallowConcurrentExecution]
public sealed class RebuildRollupsJob(NpgsqlDataSource dataSource, ILogger<RebuildRollupsJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var result = await Rollups.RebuildAsync(dataSource, cancellationToken);
        logger.LogInformation("Rebuilt the commissioning rollups from {Orders} orders and {Searches} searches in {Elapsed} ms", result.Orders, result.Searches, result.ElapsedMs);
    }
}
