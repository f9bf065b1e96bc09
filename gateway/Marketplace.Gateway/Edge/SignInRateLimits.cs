using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Marketplace.Gateway.Edge;

/// <summary>
/// Slows password guessing: a fixed window per client IP address on <c>POST /sign-in</c>
/// (<c>RateLimiting:SignInPerMinute</c>, default 10) and on <c>POST /connect/token</c>
/// (<c>RateLimiting:TokenPerMinute</c>, default 60: integrations and the acceptance suite sign in through it), and on the
/// anonymous feedback form, <c>POST /feedback</c> and <c>POST /api/commissioning/feedback</c> (<c>RateLimiting:FeedbackPerMinute</c>, default 10).
/// 0 turns a limit off. Refused sign-ins get the friendly 429 page; refused token requests get problem details.
/// </summary>
public static class SignInRateLimits
{
    public static WebApplicationBuilder AddSignInRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            var signIn = configuration.GetValue("RateLimiting:SignInPerMinute", 10);
            var token = configuration.GetValue("RateLimiting:TokenPerMinute", 60);
            var feedback = configuration.GetValue("RateLimiting:FeedbackPerMinute", 10);
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var request = context.Request;
                var client = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
                if (HttpMethods.IsPost(request.Method) && request.Path.Equals("/sign-in", StringComparison.OrdinalIgnoreCase) && signIn > 0)
                {
                    return PerMinute("sign-in " + client, signIn);
                }

                if (HttpMethods.IsPost(request.Method) && request.Path.Equals("/connect/token", StringComparison.OrdinalIgnoreCase) && token > 0)
                {
                    return PerMinute("token " + client, token);
                }

                if (HttpMethods.IsPost(request.Method) && IsFeedback(request.Path) && feedback > 0)
                {
                    return PerMinute("feedback " + client, feedback);
                }

                return RateLimitPartition.GetNoLimiter("");
            });
            options.OnRejected = OnRejectedAsync;
        });
        return builder;
    }

    /// <summary>The anonymous feedback form and its API (one limit for both: they store the same thing).</summary>
    private static bool IsFeedback(PathString path) =>
        path.Equals("/feedback", StringComparison.OrdinalIgnoreCase) || path.Equals("/api/commissioning/feedback", StringComparison.OrdinalIgnoreCase);

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        });

    private static async ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
        {
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        // Pages get the friendly 429 page from the status code pages; API clients get problem details.
        if (!context.Request.Path.Equals("/sign-in", StringComparison.OrdinalIgnoreCase) && !context.Request.Path.Equals("/feedback", StringComparison.OrdinalIgnoreCase))
        {
            await Results.Problem(
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Too many requests",
                detail: "Too many attempts from this address. Wait a minute and try again.").ExecuteAsync(context);
        }
    }
}
