using Marketplace.Gateway.Backend;
using Microsoft.Extensions.Caching.Memory;

namespace Marketplace.Gateway.Auth;

/// <summary>
/// Refreshes a session's tokens once, however many of its requests arrive together: the first request calls
/// identity and the others, for the next few seconds, share its answer (identity may rotate refresh tokens and
/// refuse the old one the second time).
/// </summary>
public sealed class TokenRefresher(IMemoryCache cache)
{
    public async Task<TokenResponse?> RefreshAsync(string refreshToken, IdentityClient identity)
    {
        var key = "token-refresh:" + refreshToken;
        var refresh = cache.GetOrCreate(key, entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(30);
            // Not the request's token: other requests of the session may wait on this answer.
            return identity.RefreshAsync(refreshToken, CancellationToken.None);
        })!;

        try
        {
            return await refresh;
        }
        catch
        {
            cache.Remove(key);
            throw;
        }
    }
}
