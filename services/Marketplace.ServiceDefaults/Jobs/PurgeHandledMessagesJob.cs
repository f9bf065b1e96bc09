using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quartz;

namespace Marketplace.ServiceDefaults.Jobs;

/// <summary>
/// Keeps the outbox and inbox small: deletes outbox rows sent more than 7 days ago and inbox rows older
/// than 30 days (far longer than any broker redelivery window).
/// </summary>
[DisallowConcurrentExecution]
public sealed class PurgeHandledMessagesJob(NpgsqlDataSource dataSource, TimeProvider clock, ILogger<PurgeHandledMessagesJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var outbox = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM outbox_messages WHERE sent_at < @before", new { before = now.AddDays(-7) }, cancellationToken: cancellationToken));
        var inbox = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM inbox_messages WHERE processed_at < @before", new { before = now.AddDays(-30) }, cancellationToken: cancellationToken));
        logger.LogInformation("Purged {Outbox} sent outbox rows and {Inbox} inbox rows", outbox, inbox);
    }
}
