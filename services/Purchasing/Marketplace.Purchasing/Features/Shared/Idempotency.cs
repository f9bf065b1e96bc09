using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Marketplace.Purchasing.Features.Shared;

/// <summary>
/// <c>Idempotency-Key</c>: the first request with a key claims <c>(user, key)</c> in <c>idempotency_keys</c> inside its
/// own transaction and records its answer there before committing. A second request with the same key waits on the
/// primary key until the first commits, then finds and returns the first answer; it creates nothing.
/// </summary>
internal static class Idempotency
{
    public const string Header = "Idempotency-Key";
    public const int MaxKeyLength = 200;

    public static string Hash(object request) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, Answer.JsonOptions))));

    /// <returns>The first answer when the key was used before; <c>null</c> when this request now owns the key.</returns>
    public static async Task<Answer?> ClaimAsync(NpgsqlTransaction transaction, string userId, string key, string requestHash, CancellationToken ct)
    {
        var connection = transaction.Connection!;
        var claimed = await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO idempotency_keys (user_id, key, request_hash) VALUES (@userId, @key, @requestHash) ON CONFLICT DO NOTHING",
            new { userId, key, requestHash }, transaction, cancellationToken: ct));
        if (claimed == 1)
        {
            return null;
        }

        var first = await connection.QuerySingleAsync<StoredAnswer>(new CommandDefinition(
            "SELECT request_hash, status_code, response, location FROM idempotency_keys WHERE user_id = @userId AND key = @key",
            new { userId, key }, transaction, cancellationToken: ct));
        if (first.RequestHash != requestHash)
        {
            return Answer.Problem(StatusCodes.Status422UnprocessableEntity, "idempotency-key-reused", "This Idempotency-Key was used for a different request",
                "Send a new Idempotency-Key for a new request; reuse a key only to retry exactly the same request.");
        }

        return new Answer(first.StatusCode ?? StatusCodes.Status500InternalServerError, first.Response ?? "{}", first.Location);
    }

    public static Task RecordAsync(NpgsqlTransaction transaction, string userId, string key, Answer answer, CancellationToken ct) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "UPDATE idempotency_keys SET status_code = @StatusCode, response = @Json, location = @Location WHERE user_id = @userId AND key = @key",
            new { userId, key, answer.StatusCode, answer.Json, answer.Location }, transaction, cancellationToken: ct));

    private sealed class StoredAnswer
    {
        public string RequestHash { get; set; } = "";
        public int? StatusCode { get; set; }
        public string? Response { get; set; }
        public string? Location { get; set; }
    }
}
