using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Dapper;
using Marketplace.Testing;
using Marketplace.ServiceDefaults.Demo;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;

namespace Marketplace.EndToEnd.Tests.Security;

/// <summary>Each service validates tokens itself: these go straight to onboarding, not through the gateway.</summary>
[Collection(SystemCollection.Name)]
public sealed class Calling_a_service_with_a_bad_token(MarketplaceSystem system)
{
    private string OffersRoute => $"/api/onboarding/providers/{DemoRegion.DemoProviderId}/offers";

    [Fact]
    public async Task No_token_is_refused()
    {
        using var onboarding = system.Service("onboarding");
        Assert.Equal(HttpStatusCode.Unauthorized, (await onboarding.GetAsync(OffersRoute)).StatusCode);
    }

    [Fact]
    public async Task A_valid_token_is_accepted()
    {
        using var onboarding = Authorised(await system.TokenAsync("provider@demo.localoffer.test"));
        Assert.Equal(HttpStatusCode.OK, (await onboarding.GetAsync(OffersRoute)).StatusCode);
    }

    [Fact]
    public async Task An_expired_token_signed_with_the_real_key_is_refused()
    {
        var (keyId, pem) = await RealSigningKeyAsync();
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        var token = Sign(new RsaSecurityKey(rsa) { KeyId = keyId }, DateTime.UtcNow.AddHours(-2), DateTime.UtcNow.AddHours(-1));
        using var onboarding = Authorised(token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onboarding.GetAsync(OffersRoute)).StatusCode);
    }

    [Fact]
    public async Task A_token_signed_by_another_key_is_refused()
    {
        var (keyId, _) = await RealSigningKeyAsync();
        using var rsa = RSA.Create(2048);
        var token = Sign(new RsaSecurityKey(rsa) { KeyId = keyId }, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(10));
        using var onboarding = Authorised(token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await onboarding.GetAsync(OffersRoute)).StatusCode);
    }

    [Fact]
    public async Task A_token_for_the_wrong_role_is_forbidden()
    {
        using var onboarding = Authorised(await system.TokenAsync("family@demo.localoffer.test"));
        var response = await onboarding.PostAsJsonAsync(OffersRoute, TestOffers.ValidOffer("Not mine to make"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private HttpClient Authorised(string token)
    {
        var client = system.Service("onboarding");
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private string Sign(SecurityKey key, DateTime notBefore, DateTime expires) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = system.GatewayUrl,
        Audience = "marketplace-api",
        Claims = new Dictionary<string, object>
        {
            ["sub"] = Guid.NewGuid().ToString(),
            ["role"] = "provider",
            ["org_id"] = DemoRegion.DemoProviderId.ToString(),
        },
        IssuedAt = notBefore,
        NotBefore = notBefore,
        Expires = expires,
        SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
    });

    private async Task<(string KeyId, string Pem)> RealSigningKeyAsync()
    {
        await system.TokenAsync("provider@demo.localoffer.test"); // makes sure the key exists
        await using var connection = new NpgsqlConnection(system.ConnectionString("identity"));
        return await connection.QuerySingleAsync<(string, string)>("SELECT key_id, private_key_pem FROM signing_keys ORDER BY created_at DESC LIMIT 1");
    }
}
