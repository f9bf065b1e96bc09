using System.Collections.Frozen;
using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Net.Http.Headers;

namespace Marketplace.Gateway.Edge;

/// <summary>
/// The public HTTP edge: passes <c>/api/{service}/…</c>, <c>/oruk/…</c>, <c>/connect/token</c> and
/// <c>/.well-known/…</c> through to the service that owns them, same path and query, streaming both bodies.
/// Only the request headers a service needs go through (never the browser's cookies); a browser with a session
/// and no Authorization header of its own is given its session's bearer token on <c>/api</c> calls.
/// </summary>
public static class ApiForwarder
{
    private static readonly FrozenDictionary<string, string> ApiServices = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["identity"] = Backends.Identity,
        ["onboarding"] = Backends.Onboarding,
        ["catalogue"] = Backends.Catalogue,
        ["purchasing"] = Backends.Purchasing,
        ["commissioning"] = Backends.Commissioning,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    /// <summary>Request headers passed on, besides the content headers.</summary>
    private static readonly string[] ForwardedRequestHeaders =
    [
        HeaderNames.Accept, HeaderNames.AcceptLanguage, HeaderNames.Authorization, "Idempotency-Key",
        HeaderNames.IfMatch, HeaderNames.IfNoneMatch, HeaderNames.IfModifiedSince, HeaderNames.UserAgent,
        "traceparent", "tracestate",
    ];

    /// <summary>Response headers never passed back: hop-by-hop ones, and cookies (only the gateway sets cookies).</summary>
    private static readonly FrozenSet<string> DroppedResponseHeaders = new[]
    {
        HeaderNames.Connection, HeaderNames.KeepAlive, HeaderNames.ProxyAuthenticate, "Proxy-Authorization",
        "Proxy-Connection", HeaderNames.TE, HeaderNames.Trailer, HeaderNames.TransferEncoding, HeaderNames.Upgrade,
        HeaderNames.SetCookie, HeaderNames.Server,
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static IEndpointRouteBuilder MapEdge(this IEndpointRouteBuilder app)
    {
        app.Map("/api/{service}/{**rest}", context =>
        {
            var service = context.GetRouteValue("service") as string ?? "";
            return ApiServices.TryGetValue(service, out var owner)
                ? ForwardAsync(context, owner, withSessionToken: true)
                : WriteProblemAsync(context, StatusCodes.Status404NotFound, "Not found", $"There is no API called '{service}'.");
        });
        app.Map("/oruk/{**rest}", context => IsPreflight(context.Request)
            ? AllowAnyOriginAsync(context)
            : ForwardAsync(context, Backends.Catalogue, withSessionToken: false));
        app.Map("/connect/token", context => ForwardAsync(context, Backends.Identity, withSessionToken: false));
        app.Map("/.well-known/{**rest}", context => ForwardAsync(context, Backends.Identity, withSessionToken: false));
        return app;
    }

    private static bool IsPreflight(HttpRequest request) =>
        HttpMethods.IsOptions(request.Method) && request.Headers.ContainsKey(HeaderNames.AccessControlRequestMethod);

    /// <summary>The open data API is read-only and open to pages on any site (the origin header is added for all /oruk answers).</summary>
    private static Task AllowAnyOriginAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status204NoContent;
        context.Response.Headers.AccessControlAllowMethods = "GET, HEAD, OPTIONS";
        context.Response.Headers.AccessControlAllowHeaders = "Accept, Accept-Language, Content-Type";
        context.Response.Headers.AccessControlMaxAge = "86400";
        return Task.CompletedTask;
    }

    private static async Task ForwardAsync(HttpContext context, string service, bool withSessionToken)
    {
        // The service's own answer (404, 401, problem details…) goes back as it is, not as an HTML error page.
        if (context.Features.Get<IStatusCodePagesFeature>() is { } statusCodePages)
        {
            statusCodePages.Enabled = false;
        }

        var baseAddress = Backends.BaseAddress(context.RequestServices.GetRequiredService<IConfiguration>(), service);
        if (baseAddress is null)
        {
            await WriteProblemAsync(context, StatusCodes.Status502BadGateway, "Bad gateway", $"The {service.ToLowerInvariant()} service is not configured.");
            return;
        }

        using var request = await BuildRequestAsync(context, baseAddress, withSessionToken);
        var client = context.RequestServices.GetRequiredService<IHttpClientFactory>().CreateClient(Backends.EdgeClient);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            return;
        }
        catch (OperationCanceledException)
        {
            await WriteProblemAsync(context, StatusCodes.Status504GatewayTimeout, "Gateway timeout", $"The {service.ToLowerInvariant()} service did not answer in time.");
            return;
        }
        catch (HttpRequestException e)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiForwarder))
                .LogWarning("Could not reach {Service} at {Address}: {Reason}", service, baseAddress, e.Message);
            await WriteProblemAsync(context, StatusCodes.Status502BadGateway, "Bad gateway", $"The {service.ToLowerInvariant()} service is not available. Try again later.");
            return;
        }

        using (response)
        {
            await CopyResponseAsync(context, response);
        }
    }

    private static async Task<HttpRequestMessage> BuildRequestAsync(HttpContext context, Uri baseAddress, bool withSessionToken)
    {
        var incoming = context.Request;
        var target = new Uri(baseAddress, incoming.Path.ToUriComponent() + incoming.QueryString.ToUriComponent());
        var request = new HttpRequestMessage(new HttpMethod(incoming.Method), target);

        if (incoming.ContentLength > 0 || incoming.Headers.ContainsKey(HeaderNames.TransferEncoding))
        {
            request.Content = new StreamContent(incoming.Body);
            foreach (var (name, values) in incoming.Headers)
            {
                if (name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
                {
                    request.Content.Headers.TryAddWithoutValidation(name, values.ToArray());
                }
            }
        }

        foreach (var name in ForwardedRequestHeaders)
        {
            if (incoming.Headers.TryGetValue(name, out var values))
            {
                request.Headers.TryAddWithoutValidation(name, values.ToArray());
            }
        }

        request.Headers.TryAddWithoutValidation("X-Forwarded-For", context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", incoming.Scheme);
        request.Headers.TryAddWithoutValidation("X-Forwarded-Host", incoming.Host.Value);

        if (withSessionToken && !incoming.Headers.ContainsKey(HeaderNames.Authorization) && IsSameSite(incoming)
            && await context.GetAccessTokenAsync() is { } accessToken)
        {
            request.Headers.TryAddWithoutValidation(HeaderNames.Authorization, "Bearer " + accessToken);
        }

        return request;
    }

    /// <summary>
    /// The session only speaks for requests the gateway's own pages made (or that the browser cannot tell apart,
    /// such as an older browser or a typed address): a page on another site cannot act as the user.
    /// </summary>
    private static bool IsSameSite(HttpRequest request)
    {
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        return site is "" or "same-origin" or "none";
    }

    private static async Task CopyResponseAsync(HttpContext context, HttpResponseMessage response)
    {
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!DroppedResponseHeaders.Contains(name))
            {
                context.Response.Headers[name] = values.ToArray();
            }
        }

        if (HttpMethods.IsHead(context.Request.Method) || response.StatusCode is System.Net.HttpStatusCode.NoContent or System.Net.HttpStatusCode.NotModified)
        {
            return;
        }

        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(context.RequestAborted);
            await body.CopyToAsync(context.Response.Body, context.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            // The client went away, or the service broke off mid-body: nothing more can be said to the client.
            context.Abort();
        }
    }

    private static Task WriteProblemAsync(HttpContext context, int status, string title, string detail) =>
        Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
}
