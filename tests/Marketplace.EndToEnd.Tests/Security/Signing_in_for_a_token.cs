using System.Net;
using System.Text.Json;
using Marketplace.Testing;

namespace Marketplace.EndToEnd.Tests.Security;

[Collection(SystemCollection.Name)]
public sealed class Signing_in_for_a_token(MarketplaceSystem system)
{
    [Fact]
    public async Task The_discovery_document_names_the_issuer_and_a_jwks_with_an_rsa_key()
    {
        using var client = system.Gateway();
        var discovery = JsonDocument.Parse(await client.GetStringAsync("/.well-known/openid-configuration")).RootElement;
        Assert.Equal(system.GatewayUrl, discovery.GetProperty("issuer").GetString());
        var jwks = JsonDocument.Parse(await client.GetStringAsync(discovery.GetProperty("jwks_uri").GetString())).RootElement;
        var key = jwks.GetProperty("keys")[0];
        Assert.Equal("RSA", key.GetProperty("kty").GetString());
        Assert.Equal("RS256", key.GetProperty("alg").GetString());
    }

    [Fact]
    public async Task A_refresh_token_works_once_and_its_reuse_is_refused()
    {
        using var client = system.Gateway();
        var first = await PostAsync(client, new() { ["grant_type"] = "password", ["username"] = "school@demo.localoffer.test", ["password"] = system.DemoPassword, ["client_id"] = "marketplace-cli" });
        var refresh = first.RootElement.GetProperty("refresh_token").GetString()!;
        var refreshed = await PostAsync(client, new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refresh, ["client_id"] = "marketplace-cli" });
        Assert.NotEqual(refresh, refreshed.RootElement.GetProperty("refresh_token").GetString());

        var reuse = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "refresh_token", ["refresh_token"] = refresh, ["client_id"] = "marketplace-cli",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, reuse.StatusCode);
        Assert.Equal("invalid_grant", JsonDocument.Parse(await reuse.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        using var client = system.Gateway();
        for (var i = 0; i < 5; i++)
        {
            var wrong = await client.PostAsync("/connect/token", Password("youngperson@demo.localoffer.test", "not-the-password"));
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        var right = await client.PostAsync("/connect/token", Password("youngperson@demo.localoffer.test", system.DemoPassword));
        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("locked", await right.Content.ReadAsStringAsync());
    }

    private static FormUrlEncodedContent Password(string user, string password) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "password", ["username"] = user, ["password"] = password, ["client_id"] = "marketplace-cli",
    });

    private static async Task<JsonDocument> PostAsync(HttpClient client, Dictionary<string, string> form)
    {
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(form));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonDocument.Parse(body);
    }
}
