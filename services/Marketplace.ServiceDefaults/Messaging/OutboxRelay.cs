using System.Diagnostics;
using System.Text.Json;
using Dapper;
using MassTransit;
using Marketplace.Contracts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.ServiceDefaults.Messaging;

public sealed class OutboxOptions
{
    /// <summary>How long the relay sleeps when the outbox is empty.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long one publish may wait for the broker's confirm before the batch is retried.</summary>
    public TimeSpan PublishTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public int BatchSize { get; set; } = 100;
}

/// <summary>
/// Publishes committed outbox rows with broker confirms, and marks a row sent only after the broker confirmed it.
/// Rows are claimed in batches with <c>FOR UPDATE SKIP LOCKED</c>, so replicas share the work without publishing one
/// row twice at the same time. A claimed batch is published concurrently (the confirms are awaited together, not one
/// round trip per row); the confirmed rows are marked sent in one statement and a failed row stays unsent, with its
/// error, for the next pass. Delivery is at least once and not in order (it never was across replicas or consumer
/// threads): consumers de-duplicate with the inbox and guard versions where order matters (ADR 0017).
/// </summary>
public sealed class OutboxRelay(
    NpgsqlDataSource dataSource,
    IBus bus,
    IOptions<OutboxOptions> options,
    ILogger<OutboxRelay> logger) : BackgroundService
{
    private static readonly IReadOnlyDictionary<string, Type> MessageTypes =
        Subscriptions.Queues.Keys.ToDictionary(t => t.FullName!, t => t);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var published = await PublishBatchAsync(stoppingToken);
                failures = 0;
                if (published < options.Value.BatchSize)
                {
                    await Task.Delay(options.Value.PollInterval, stoppingToken);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                failures++;
                var wait = TimeSpan.FromMilliseconds(Math.Min(5_000, 250 * Math.Pow(2, Math.Min(failures, 5))));
                logger.LogWarning(e, "Outbox relay could not publish; retrying in {Wait}", wait);
                await Task.Delay(wait, stoppingToken);
            }
        }
    }

    /// <summary>Publishes one batch; returns how many rows were confirmed by the broker.</summary>
    public async Task<int> PublishBatchAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var rows = (await connection.QueryAsync<OutboxRow>(new CommandDefinition(
            """
            SELECT id, message_type, body::text AS body
            FROM outbox_messages
            WHERE sent_at IS NULL
            ORDER BY seq
            LIMIT @limit
            FOR UPDATE SKIP LOCKED
            """, new { limit = options.Value.BatchSize }, transaction, cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            return 0;
        }

        var outcomes = await Task.WhenAll(rows.Select(row => PublishAsync(row, cancellationToken)));
        var confirmed = rows.Where((_, i) => outcomes[i] is null).Select(row => row.Id).ToArray();
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE outbox_messages SET sent_at = now(), attempts = attempts + 1 WHERE id = ANY(@confirmed)",
            new { confirmed }, transaction, cancellationToken: cancellationToken));
        var failed = rows.Select((row, i) => (row.Id, Error: outcomes[i])).Where(f => f.Error is not null).ToList();
        foreach (var (id, error) in failed)
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE outbox_messages SET attempts = attempts + 1, last_error = @error WHERE id = @id",
                new { id, error = error!.Message }, transaction, cancellationToken: cancellationToken));
        }

        var published = confirmed.Length;
        if (failed.Count > 0)
        {
            // The confirmed rows stay marked sent; the caller backs off before the failed ones are tried again.
            await transaction.CommitAsync(cancellationToken);
            throw new OutboxPublishException(failed[0].Id, failed[0].Error!);
        }

        await transaction.CommitAsync(cancellationToken);
        if (published > 0)
        {
            logger.LogDebug("Outbox relay published {Count} messages", published);
        }

        return published;
    }

    /// <summary>Publishes one row and waits for the broker's confirm; returns why it failed, or null when confirmed.</summary>
    private async Task<Exception?> PublishAsync(OutboxRow row, CancellationToken cancellationToken)
    {
        try
        {
            if (!MessageTypes.TryGetValue(row.MessageType, out var type))
            {
                throw new InvalidOperationException($"Unknown message type {row.MessageType}.");
            }

            var message = JsonSerializer.Deserialize(row.Body, type, Outbox.Json)!;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.PublishTimeout);
            await bus.Publish(message, type, context => context.MessageId = row.Id, timeout.Token);
            return null;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return e;
        }
    }

    private sealed record OutboxRow(Guid Id, string MessageType, string Body);
}

public sealed class OutboxPublishException(Guid messageId, Exception inner)
    : Exception($"Publishing outbox message {messageId} failed: {inner.Message}", inner);
