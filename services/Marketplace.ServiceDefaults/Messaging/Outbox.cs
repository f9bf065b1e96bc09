using System.Text.Json;
using Dapper;
using Marketplace.Contracts;
using Npgsql;

namespace Marketplace.ServiceDefaults.Messaging;

/// <summary>
/// Writes an event into <c>outbox_messages</c> inside the caller's transaction, so the event exists
/// if and only if the state change it describes was committed. The row id becomes the message id.
/// </summary>
public static class Outbox
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<Guid> EnqueueAsync<T>(NpgsqlTransaction transaction, T message, CancellationToken cancellationToken)
        where T : class
    {
        if (!Subscriptions.Queues.ContainsKey(typeof(T)))
        {
            throw new InvalidOperationException($"{typeof(T).FullName} is not an event listed in Marketplace.Contracts.Subscriptions.");
        }

        var id = Guid.CreateVersion7();
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "INSERT INTO outbox_messages (id, message_type, body) VALUES (@id, @type, @body::jsonb)",
            new { id, type = typeof(T).FullName, body = JsonSerializer.Serialize(message, Json) },
            transaction,
            cancellationToken: cancellationToken));
        return id;
    }
}
