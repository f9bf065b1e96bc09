using Dapper;
using MassTransit;
using Npgsql;

namespace Marketplace.ServiceDefaults.Messaging;

/// <summary>
/// Makes a consumer idempotent: the message id and the consumer's name are recorded in
/// <c>inbox_messages</c> in the same transaction as the consumer's effect. A redelivered message finds
/// its row and does nothing; a crash before commit leaves neither, so the redelivery does the work.
/// </summary>
public static class Inbox
{
    /// <returns><c>true</c> when the handler ran; <c>false</c> when the message had been handled before.</returns>
    public static async Task<bool> HandleOnceAsync<T>(
        NpgsqlDataSource dataSource,
        ConsumeContext<T> context,
        string consumer,
        Func<NpgsqlTransaction, Task> handle)
        where T : class
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException($"{typeof(T).Name} arrived without a message id; the inbox cannot de-duplicate it.");
        var cancellationToken = context.CancellationToken;

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO inbox_messages (message_id, consumer, message_type)
            VALUES (@messageId, @consumer, @type)
            ON CONFLICT DO NOTHING
            """, new { messageId, consumer, type = typeof(T).FullName }, transaction, cancellationToken: cancellationToken));
        if (inserted == 0)
        {
            return false;
        }

        await handle(transaction);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}
