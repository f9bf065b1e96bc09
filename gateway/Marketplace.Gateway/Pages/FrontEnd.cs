using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Rewrite;
using Microsoft.AspNetCore.StaticFiles;

namespace Marketplace.Gateway.Pages;

/// <summary>
/// The server-rendered web front end: Razor Pages in the GOV.UK Design System, its static files (GOV.UK Frontend
/// copied from npm into wwwroot/lib/govuk by the build) and its error pages.
/// </summary>
public static class FrontEnd
{
    public static WebApplicationBuilder AddFrontEnd(this WebApplicationBuilder builder)
    {
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Provider", TokenSession.ProviderPolicy);
        }).AddMvcOptions(options => options.Filters.Add<BackendUnavailablePageFilter>());
        builder.Services.Configure<RouteOptions>(options => options.LowercaseUrls = true);
        builder.Services.Configure<CookieTempDataProviderOptions>(options =>
        {
            options.Cookie.Name = "marketplace-tempdata";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.Cookie.SameSite = SameSiteMode.Lax;
        });
        builder.Services.AddProblemDetails();
        return builder;
    }

    /// <summary>Error pages for every status without a body of its own, and the static files.</summary>
    public static WebApplication UseFrontEnd(this WebApplication app)
    {
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error",
            StatusCodeSelector = e => e is BackendUnavailableException ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError,
        });
        app.UseStatusCodePagesWithReExecute("/error/{0}");

        // GOV.UK Frontend's stylesheet asks for its fonts and images under /assets.
        app.UseRewriter(new RewriteOptions().AddRewrite("^assets/(.*)$", "lib/govuk/assets/$1", skipRemainingRules: true));
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".mjs"] = "text/javascript";
        app.UseStaticFiles(new StaticFileOptions { ContentTypeProvider = types });
        return app;
    }
}

/// <summary>A page whose service did not answer shows the 503 page instead of failing.</summary>
internal sealed class BackendUnavailablePageFilter(ILogger<BackendUnavailablePageFilter> logger) : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is BackendUnavailableException unavailable)
        {
            logger.LogWarning("{Path}: {Reason}", context.HttpContext.Request.Path, unavailable.Message);
            executed.Result = new StatusCodeResult(StatusCodes.Status503ServiceUnavailable);
            executed.ExceptionHandled = true;
        }
    }
}
