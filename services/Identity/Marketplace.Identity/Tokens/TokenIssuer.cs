using System.Security.Cryptography;
using Dapper;
using Marketplace.Identity.Users;
using Marketplace.ServiceDefaults.Security;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Marketplace.Identity.Tokens;

public sealed class IssuerOptions
{
    /// <summary>The issuer every service trusts: the public address of the marketplace.</summary>
    public string Issuer { get; set; } = "http://127.0.0.1:8080";
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);
    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(14);
    public string[] Clients { get; set; } = ["marketplace-cli", "marketplace-web"];
}

public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken);

/// <summary>Issues RS256 access tokens and rotating, single-use refresh tokens.</summary>
public sealed class TokenIssuer(SigningKeys keys, NpgsqlDataSource dataSource, TimeProvider clock, Microsoft.Extensions.Options.IOptions<IssuerOptions> options)
{
    private readonly JsonWebTokenHandler handler = new();

    public async Task<TokenResponse> IssueAsync(MarketplaceUser user, string clientId, NpgsqlTransaction? transaction, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var settings = options.Value;
        var claims = new Dictionary<string, object>
        {
            [MarketplaceClaims.Subject] = user.Id.ToString(),
            [MarketplaceClaims.Email] = user.Email,
            [MarketplaceClaims.Name] = user.DisplayName,
            [MarketplaceClaims.Role] = user.Role,
            ["client_id"] = clientId,
            ["jti"] = Guid.NewGuid().ToString("N"),
        };
        if (user.OrganisationType is not null) claims[MarketplaceClaims.OrganisationType] = user.OrganisationType;
        if (user.OrganisationId is not null) claims[MarketplaceClaims.OrganisationId] = user.OrganisationId;
        if (user.LocalAuthority is not null) claims[MarketplaceClaims.LocalAuthority] = user.LocalAuthority;

        var accessToken = handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = settings.Issuer,
            Audience = MarketplaceClaims.Audience,
            Claims = claims,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = now.Add(settings.AccessTokenLifetime).UtcDateTime,
            SigningCredentials = new SigningCredentials(await keys.CurrentAsync(cancellationToken), SecurityAlgorithms.RsaSha256),
        });

        var refreshToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        var sql = new CommandDefinition(
            """
            INSERT INTO refresh_tokens (token_hash, user_id, client_id, issued_at, expires_at)
            VALUES (@hash, @userId, @clientId, @now, @expires)
            """,
            new { hash = Hash(refreshToken), userId = user.Id, clientId, now, expires = now.Add(settings.RefreshTokenLifetime) },
            transaction, cancellationToken: cancellationToken);
        if (transaction is null)
        {
            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await connection.ExecuteAsync(sql);
        }
        else
        {
            await transaction.Connection!.ExecuteAsync(sql);
        }

        return new TokenResponse(accessToken, "Bearer", (int)settings.AccessTokenLifetime.TotalSeconds, refreshToken);
    }

    public static byte[] Hash(string refreshToken) => SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(refreshToken));
}
