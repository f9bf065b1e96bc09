using System.Globalization;
using Marketplace.Gateway.Backend;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Marketplace.Gateway.Auth;

/// <summary>
/// Browser sessions: a cookie (HttpOnly, SameSite=Lax, Secure and <c>__Host-</c> prefixed on HTTPS) whose
/// protected ticket carries the user's claims and the access and refresh tokens identity issued, the way
/// <c>SaveTokens</c> keeps them. An expired access token is refreshed when the cookie is read; a session whose
/// refresh token identity no longer accepts is signed out.
/// </summary>
public static class TokenSession
{
    public const string Scheme = CookieAuthenticationDefaults.AuthenticationScheme;
    public const string CookieName = "marketplace-session";
    public const string ProviderPolicy = "provider";

    private const string AccessToken = "access_token";
    private const string RefreshToken = "refresh_token";
    private const string ExpiresAt = "expires_at";
    private static readonly TimeSpan RefreshAhead = TimeSpan.FromSeconds(30);

    public static WebApplicationBuilder AddSessions(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddDataProtection().SetApplicationName("Marketplace.Gateway");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IConfiguration, IHostEnvironment, ILoggerFactory>((options, configuration, environment, loggers) =>
                options.XmlRepository = new FileSystemXmlRepository(KeysFolder(configuration, environment), loggers));

        services.AddMemoryCache();
        services.AddSingleton<TokenRefresher>();
        services.AddAuthentication(Scheme).AddCookie(Scheme, options =>
        {
            options.Cookie.Name = CookieName;
            options.Cookie.HttpOnly = true;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.Path = "/";
            options.CookieManager = new HostPrefixCookieManager();
            options.LoginPath = "/sign-in";
            options.LogoutPath = "/sign-out";
            options.AccessDeniedPath = "/error/403";
            options.ReturnUrlParameter = "returnUrl";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = RefreshWhenExpiredAsync;
            // Show the 403 page at the address asked for, rather than redirecting to it.
            options.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                return Task.CompletedTask;
            };
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(ProviderPolicy, policy => policy.RequireAuthenticatedUser().RequireRole("provider"));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "marketplace-antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Strict;
        });
        return builder;
    }

    /// <summary>
    /// Where the data protection keys live: <c>DataProtection:KeysPath</c>, else <c>.data/keys</c> at the repository root
    /// (two folders above the gateway's content root). The folder is created when missing.
    /// </summary>
    public static DirectoryInfo KeysFolder(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration["DataProtection:KeysPath"];
        var path = string.IsNullOrWhiteSpace(configured)
            ? Path.Combine(environment.ContentRootPath, "..", "..", ".data", "keys")
            : Path.Combine(environment.ContentRootPath, configured);
        return Directory.CreateDirectory(Path.GetFullPath(path));
    }

    /// <summary>Starts a session for the user the tokens belong to.</summary>
    public static Task SignInAsync(HttpContext context, TokenResponse tokens)
    {
        var properties = new AuthenticationProperties { IsPersistent = false };
        Store(properties, tokens);
        return context.SignInAsync(Scheme, SessionPrincipal.From(tokens.AccessToken), properties);
    }

    /// <summary>The signed-in user's access token (already refreshed if it had expired), or null.</summary>
    public static Task<string?> GetAccessTokenAsync(this HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? context.GetTokenAsync(Scheme, AccessToken) : Task.FromResult<string?>(null);

    private static async Task RefreshWhenExpiredAsync(CookieValidatePrincipalContext context)
    {
        var expiresAt = DateTimeOffset.TryParse(context.Properties.GetTokenValue(ExpiresAt), CultureInfo.InvariantCulture,
            DateTimeStyles.RoundtripKind, out var at) ? at : DateTimeOffset.MinValue;
        var clock = context.Options.TimeProvider ?? TimeProvider.System;
        if (clock.GetUtcNow() < expiresAt - RefreshAhead)
        {
            return;
        }

        var refreshToken = context.Properties.GetTokenValue(RefreshToken);
        TokenResponse? tokens = null;
        if (!string.IsNullOrEmpty(refreshToken))
        {
            var services = context.HttpContext.RequestServices;
            try
            {
                tokens = await services.GetRequiredService<TokenRefresher>()
                    .RefreshAsync(refreshToken, services.GetRequiredService<IdentityClient>());
            }
            catch (BackendUnavailableException e)
            {
                // Identity is down: keep the session; the services will refuse the stale token until it is back.
                services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(TokenSession))
                    .LogWarning(e, "Could not refresh a session's access token");
                return;
            }
        }

        if (tokens is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(Scheme);
            return;
        }

        Store(context.Properties, tokens with { RefreshToken = tokens.RefreshToken ?? refreshToken });
        context.ReplacePrincipal(SessionPrincipal.From(tokens.AccessToken));
        context.ShouldRenew = true;
    }

    private static void Store(AuthenticationProperties properties, TokenResponse tokens)
    {
        var expiresAt = DateTimeOffset.UtcNow.AddSeconds(tokens.ExpiresIn > 0 ? tokens.ExpiresIn : 300);
        List<AuthenticationToken> stored =
        [
            new() { Name = AccessToken, Value = tokens.AccessToken },
            new() { Name = "token_type", Value = tokens.TokenType ?? "Bearer" },
            new() { Name = ExpiresAt, Value = expiresAt.ToString("o", CultureInfo.InvariantCulture) },
        ];
        if (!string.IsNullOrEmpty(tokens.RefreshToken))
        {
            stored.Add(new() { Name = RefreshToken, Value = tokens.RefreshToken });
        }

        properties.StoreTokens(stored);
    }
}
