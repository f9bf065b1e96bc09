using System.Text.Json.Serialization;

namespace Marketplace.Gateway.Backend;

/// <summary>The answer of identity's token endpoint.</summary>
public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string? TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("refresh_token")] string? RefreshToken);

/// <summary>Identity's OAuth token endpoint, used by the sign-in page and to refresh a session's access token.</summary>
public sealed class IdentityClient(HttpClient http, IConfiguration configuration, ILogger<IdentityClient> logger)
{
    private string ClientId => configuration["Identity:ClientId"] ?? "marketplace-cli";

    /// <summary>The tokens for a correct email and password; null when identity refuses them (invalid_grant).</summary>
    public Task<TokenResponse?> SignInAsync(string email, string password, CancellationToken cancellationToken) =>
        RequestTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = email,
            ["password"] = password,
            ["client_id"] = ClientId,
        }, cancellationToken);

    /// <summary>New tokens for a refresh token; null when identity no longer accepts it.</summary>
    public Task<TokenResponse?> RefreshAsync(string refreshToken, CancellationToken cancellationToken) =>
        RequestTokenAsync(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token",
            ["refresh_token"] = refreshToken,
            ["client_id"] = ClientId,
        }, cancellationToken);

    private async Task<TokenResponse?> RequestTokenAsync(Dictionary<string, string> form, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = new FormUrlEncodedContent(form) };
        using var response = await BackendCall.SendAsync(http, Backends.Identity, request, cancellationToken);
        if (response.IsSuccessStatusCode)
        {
            return await BackendCall.ReadAsync<TokenResponse>(response, Backends.Identity, cancellationToken);
        }

        var error = await BackendCall.ReadProblemAsync(response, cancellationToken);
        logger.LogInformation("Identity refused a {GrantType} grant: {Status} {Error}",
            form["grant_type"], (int)response.StatusCode, error.Error ?? error.Title);
        return null;
    }
}
