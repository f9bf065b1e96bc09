using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages;

/// <summary>
/// The GOV.UK style error page for every status without a body of its own (status code pages re-execute
/// <c>/error/{code}</c>) and for unhandled exceptions (<c>/error</c>, with 503 when a service was unavailable).
/// Re-execution keeps the original method, so it answers any method and never asks for an antiforgery token.
/// </summary>
[IgnoreAntiforgeryToken]
[ResponseCache(NoStore = true, Duration = 0, Location = ResponseCacheLocation.None)]
public sealed class ErrorModel : PageModel
{
    public int Code => RouteData.Values["code"] is string text && int.TryParse(text, out var code) && code >= 400
        ? code
        : Response.StatusCode >= 400 ? Response.StatusCode : StatusCodes.Status500InternalServerError;

    public string Heading => Code switch
    {
        400 => "Sorry, there is a problem with your request",
        401 or 403 => "You do not have permission to see this page",
        404 or 405 => "Page not found",
        429 => "Too many attempts",
        503 => "Sorry, the service is unavailable",
        _ => "Sorry, there is a problem with the service",
    };
}
