using Microsoft.AspNetCore.WebUtilities;

namespace Marketplace.Gateway.Pages.Shared;

/// <summary>
/// Every page has a printable view: the same address with <c>?print=1</c> renders it without the header,
/// navigation and footer. (The print stylesheet hides them too, so printing any page works as well.)
/// </summary>
public static class PrintView
{
    public static bool IsActive(HttpContext context) => context.Request.Query["print"] == "1";

    public static string PrintUrl(HttpRequest request) => UrlWith(request, print: true);

    public static string NormalUrl(HttpRequest request) => UrlWith(request, print: false);

    private static string UrlWith(HttpRequest request, bool print)
    {
        var query = request.Query
            .Where(q => q.Key != "print")
            .SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string?>(q.Key, v)))
            .ToList();
        if (print)
        {
            query.Add(new("print", "1"));
        }

        return QueryHelpers.AddQueryString(request.PathBase + request.Path, query);
    }
}
