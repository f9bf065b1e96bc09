using Microsoft.AspNetCore.Authentication.Cookies;

namespace Marketplace.Gateway.Auth;

/// <summary>
/// Names the session cookie <c>__Host-…</c> on HTTPS, which browsers accept only when it is Secure, has Path=/ and
/// no Domain. On plain HTTP (loopback development) the prefix would make browsers drop the cookie, so it is left off.
/// </summary>
internal sealed class HostPrefixCookieManager : ICookieManager
{
    private const string Prefix = "__Host-";
    private readonly ChunkingCookieManager inner = new();

    public string? GetRequestCookie(HttpContext context, string key) => inner.GetRequestCookie(context, Name(context, key));

    public void AppendResponseCookie(HttpContext context, string key, string? value, CookieOptions options) =>
        inner.AppendResponseCookie(context, Name(context, key), value, options);

    public void DeleteCookie(HttpContext context, string key, CookieOptions options) =>
        inner.DeleteCookie(context, Name(context, key), options);

    private static string Name(HttpContext context, string key) => context.Request.IsHttps ? Prefix + key : key;
}
