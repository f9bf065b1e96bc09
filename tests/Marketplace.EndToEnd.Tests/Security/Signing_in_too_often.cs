using System.Net;
using Marketplace.Testing;

namespace Marketplace.EndToEnd.Tests.Security;

/// <summary>A gateway with low limits of its own, in front of the same services.</summary>
[Collection(SystemCollection.Name)]
public sealed class Signing_in_too_often(MarketplaceSystem system)
{
    [Fact]
    public async Task Token_requests_and_sign_in_posts_over_the_limit_are_refused_with_429()
    {
        var url = await system.StartExtraGatewayAsync("gateway-limited", new Dictionary<string, string>
        {
            ["RateLimiting__TokenPerMinute"] = "3",
            ["RateLimiting__SignInPerMinute"] = "3",
        });
        using var client = new HttpClient { BaseAddress = new Uri(url) };

        for (var i = 0; i < 3; i++)
        {
            var allowed = await client.PostAsync("/connect/token", Form("nobody@example.org"));
            Assert.Equal(HttpStatusCode.BadRequest, allowed.StatusCode); // reached identity: unknown user
        }

        var limited = await client.PostAsync("/connect/token", Form("nobody@example.org"));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);

        for (var i = 0; i < 3; i++)
        {
            await client.PostAsync("/sign-in", Form("nobody@example.org"));
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.PostAsync("/sign-in", Form("nobody@example.org"))).StatusCode);
        // Reading pages is not limited.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/sign-in")).StatusCode);
    }

    private static FormUrlEncodedContent Form(string user) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "password", ["username"] = user, ["password"] = "wrong-password", ["client_id"] = "marketplace-cli",
        ["Email"] = user, ["Password"] = "wrong-password",
    });
}
