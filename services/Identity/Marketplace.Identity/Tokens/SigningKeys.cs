using System.Security.Cryptography;
using Dapper;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Marketplace.Identity.Tokens;

/// <summary>
/// The RSA keys that sign access tokens, persisted in the identity database so that tokens survive a
/// restart and every replica signs with the same key. The first start creates one.
/// </summary>
public sealed class SigningKeys(NpgsqlDataSource dataSource)
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private IReadOnlyList<RsaSecurityKey>? keys;

    /// <summary>The newest key: the one that signs.</summary>
    public async Task<RsaSecurityKey> CurrentAsync(CancellationToken cancellationToken) => (await AllAsync(cancellationToken))[0];

    /// <summary>Every unretired key, newest first: what the JWKS publishes.</summary>
    public async Task<IReadOnlyList<RsaSecurityKey>> AllAsync(CancellationToken cancellationToken)
    {
        if (keys is not null)
        {
            return keys;
        }

        await gate.WaitAsync(cancellationToken);
        try
        {
            return keys ??= await LoadOrCreateAsync(cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<IReadOnlyList<RsaSecurityKey>> LoadOrCreateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        // Serialise first-key creation across replicas.
        await connection.ExecuteAsync(new CommandDefinition("LOCK TABLE signing_keys IN EXCLUSIVE MODE", transaction: transaction, cancellationToken: cancellationToken));
        var rows = (await connection.QueryAsync<KeyRow>(new CommandDefinition(
            "SELECT key_id, private_key_pem FROM signing_keys WHERE retired_at IS NULL ORDER BY created_at DESC",
            transaction: transaction, cancellationToken: cancellationToken))).ToList();
        if (rows.Count == 0)
        {
            using var rsa = RSA.Create(2048);
            var row = new KeyRow(Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12)), rsa.ExportPkcs8PrivateKeyPem());
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO signing_keys (key_id, private_key_pem) VALUES (@KeyId, @PrivateKeyPem)", row, transaction, cancellationToken: cancellationToken));
            rows.Add(row);
        }

        await transaction.CommitAsync(cancellationToken);
        return rows.Select(r =>
        {
            var rsa = RSA.Create();
            rsa.ImportFromPem(r.PrivateKeyPem);
            return new RsaSecurityKey(rsa) { KeyId = r.KeyId };
        }).ToList();
    }

    private sealed record KeyRow(string KeyId, string PrivateKeyPem);
}
