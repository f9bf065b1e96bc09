using Dapper;
using Marketplace.Identity.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Marketplace.Identity.Tokens;

/// <summary>
/// The OAuth 2 token endpoint (password and refresh-token grants for first-party clients), OpenID Connect
/// discovery and the JWKS. Services only ever rely on discovery and the JWKS.
/// </summary>
public static class TokenApi
{
    public static IEndpointRouteBuilder MapTokenApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/connect/token", IssueToken).DisableAntiforgery().AllowAnonymous();
        app.MapGet("/.well-known/openid-configuration", Discovery).AllowAnonymous();
        app.MapGet("/.well-known/jwks.json", Jwks).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> IssueToken(
        HttpRequest request,
        UserManager<MarketplaceUser> users,
        TokenIssuer issuer,
        NpgsqlDataSource dataSource,
        TimeProvider clock,
        IOptions<IssuerOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return OAuthError("invalid_request", "Send the token request as application/x-www-form-urlencoded.");
        }

        var form = await request.ReadFormAsync(cancellationToken);
        var clientId = form["client_id"].ToString();
        if (!options.Value.Clients.Contains(clientId, StringComparer.Ordinal))
        {
            return OAuthError("invalid_client", "Unknown client_id.", StatusCodes.Status401Unauthorized);
        }

        return form["grant_type"].ToString() switch
        {
            "password" => await PasswordGrant(form["username"].ToString(), form["password"].ToString(), clientId, users, issuer, loggers, cancellationToken),
            "refresh_token" => await RefreshGrant(form["refresh_token"].ToString(), clientId, users, issuer, dataSource, clock, cancellationToken),
            "" => OAuthError("invalid_request", "grant_type is required."),
            _ => OAuthError("unsupported_grant_type", "Use grant_type=password or grant_type=refresh_token."),
        };
    }

    private static async Task<IResult> PasswordGrant(string username, string password, string clientId, UserManager<MarketplaceUser> users, TokenIssuer issuer, ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(username) || string.IsNullOrEmpty(password))
        {
            return OAuthError("invalid_request", "username and password are required.");
        }

        var user = await users.FindByEmailAsync(username.Trim());
        if (user is null)
        {
            // Same answer as a wrong password: never reveal which accounts exist.
            return OAuthError("invalid_grant", "The email address or password is not right.");
        }

        if (await users.IsLockedOutAsync(user))
        {
            return OAuthError("invalid_grant", "This account is locked after too many failed attempts. Try again in 15 minutes.");
        }

        if (!await users.CheckPasswordAsync(user, password))
        {
            await users.AccessFailedAsync(user);
            loggers.CreateLogger("Identity.Token").LogWarning("Failed sign-in for user {UserId}", user.Id);
            return await users.IsLockedOutAsync(user)
                ? OAuthError("invalid_grant", "This account is locked after too many failed attempts. Try again in 15 minutes.")
                : OAuthError("invalid_grant", "The email address or password is not right.");
        }

        if (user.AccessFailedCount > 0)
        {
            await users.ResetAccessFailedCountAsync(user);
        }

        return Results.Json(ToWire(await issuer.IssueAsync(user, clientId, null, cancellationToken)));
    }

    private static async Task<IResult> RefreshGrant(string refreshToken, string clientId, UserManager<MarketplaceUser> users, TokenIssuer issuer, NpgsqlDataSource dataSource, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(refreshToken))
        {
            return OAuthError("invalid_request", "refresh_token is required.");
        }

        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var stored = await connection.QuerySingleOrDefaultAsync<StoredRefreshToken>(new CommandDefinition(
            "SELECT user_id, client_id, expires_at, consumed_at FROM refresh_tokens WHERE token_hash = @hash FOR UPDATE",
            new { hash = TokenIssuer.Hash(refreshToken) }, transaction, cancellationToken: cancellationToken));
        var now = clock.GetUtcNow();
        if (stored is null || stored.ClientId != clientId || stored.ExpiresAt <= now)
        {
            return OAuthError("invalid_grant", "The refresh token is not valid. Sign in again.");
        }

        if (stored.ConsumedAt is not null)
        {
            // A used token presented again means it leaked: revoke every refresh token of that user.
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE refresh_tokens SET consumed_at = @now WHERE user_id = @userId AND consumed_at IS NULL",
                new { now, userId = stored.UserId }, transaction, cancellationToken: cancellationToken));
            await transaction.CommitAsync(cancellationToken);
            return OAuthError("invalid_grant", "The refresh token has already been used. Sign in again.");
        }

        var user = await users.FindByIdAsync(stored.UserId.ToString());
        if (user is null || await users.IsLockedOutAsync(user))
        {
            return OAuthError("invalid_grant", "The account cannot be used. Sign in again.");
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE refresh_tokens SET consumed_at = @now WHERE token_hash = @hash",
            new { now, hash = TokenIssuer.Hash(refreshToken) }, transaction, cancellationToken: cancellationToken));
        var response = await issuer.IssueAsync(user, clientId, transaction, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return Results.Json(ToWire(response));
    }

    private static object ToWire(TokenResponse t) => new Dictionary<string, object>
    {
        ["access_token"] = t.AccessToken,
        ["token_type"] = t.TokenType,
        ["expires_in"] = t.ExpiresIn,
        ["refresh_token"] = t.RefreshToken,
    };

    private static IResult OAuthError(string error, string description, int status = StatusCodes.Status400BadRequest) =>
        Results.Json(new Dictionary<string, string> { ["error"] = error, ["error_description"] = description }, statusCode: status);

    private static IResult Discovery(HttpRequest request, IOptions<IssuerOptions> options)
    {
        var issuer = options.Value.Issuer.TrimEnd('/');
        // The JWKS address is the one the caller reached us by: the gateway's for the public, ours for services.
        var self = $"{request.Scheme}://{request.Host}{request.PathBase}";
        return Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = issuer,
            ["jwks_uri"] = $"{self}/.well-known/jwks.json",
            ["token_endpoint"] = $"{self}/connect/token",
            ["grant_types_supported"] = new[] { "password", "refresh_token" },
            ["response_types_supported"] = new[] { "token" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { SecurityAlgorithms.RsaSha256 },
            ["token_endpoint_auth_methods_supported"] = new[] { "none" },
            ["claims_supported"] = new[] { "sub", "email", "name", "role", "org_type", "org_id", "la" },
        });
    }

    private static async Task<IResult> Jwks(SigningKeys keys, CancellationToken cancellationToken)
    {
        var published = (await keys.AllAsync(cancellationToken)).Select(key =>
        {
            var parameters = key.Rsa.ExportParameters(false);
            return new Dictionary<string, string>
            {
                ["kty"] = "RSA",
                ["use"] = "sig",
                ["alg"] = SecurityAlgorithms.RsaSha256,
                ["kid"] = key.KeyId,
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            };
        });
        return Results.Json(new { keys = published });
    }

    private sealed class StoredRefreshToken
    {
        public Guid UserId { get; set; }
        public string ClientId { get; set; } = "";
        public DateTimeOffset ExpiresAt { get; set; }
        public DateTimeOffset? ConsumedAt { get; set; }
    }
}
