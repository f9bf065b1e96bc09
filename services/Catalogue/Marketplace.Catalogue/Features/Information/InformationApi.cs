using System.Text.RegularExpressions;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Security;
using Marketplace.ServiceDefaults.Taxonomy;

namespace Marketplace.Catalogue.Features.Information;

/// <summary>The body of a create or update. <c>version</c> (update only) is the version the officer edited.</summary>
public sealed record PageRequest(
    string? Slug, string? Title, string? Summary, string? Body, string[]? Sections, string[]? AuditAspects, DateOnly? LastReviewed, int? Version);

/// <summary>
/// Information pages of the Local Offer: read by anyone; written by local authority officers. Each save is a new
/// version (an update must name the version it edited, so two officers cannot silently overwrite each other).
/// </summary>
public static partial class InformationApi
{
    public static IEndpointRouteBuilder MapInformationApi(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/api/catalogue/pages");
        pages.MapGet("/", List).AllowAnonymous();
        pages.MapGet("/{slug}", Get).AllowAnonymous();
        pages.MapGet("/{slug}/versions", Versions).AllowAnonymous();
        pages.MapPost("/", Create).RequireAuthorization(p => p.RequireRole(MarketplaceRoles.LaOfficer));
        pages.MapPut("/{slug}", Update).RequireAuthorization(p => p.RequireRole(MarketplaceRoles.LaOfficer));
        return app;
    }

    private static async Task<IResult> List(InformationPages pages, CancellationToken ct, string? section = null, string? aspect = null, string? la = null)
    {
        var errors = new ValidationErrors()
            .Require(section is null || SendTaxonomy.LocalOfferSections.ContainsKey(section), "section", "Use a Local Offer section code.")
            .Require(aspect is null || SendTaxonomy.AuditAspects.ContainsKey(aspect), "aspect", "Use an audit aspect code.")
            .Require(la is null || SendTaxonomy.IsLocalAuthorityCode(la), "la", "Use a local authority's nine-character ONS code, such as E08000003.");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var found = await pages.ListAsync(section, aspect, la, ct);
        return Results.Ok(new { items = found.Select(Summary) });
    }

    private static async Task<IResult> Get(string slug, InformationPages pages, CancellationToken ct)
    {
        if (await pages.FindAsync(slug, ct) is not { } page)
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The information page");
        }

        return Results.Ok(new
        {
            page.Id, page.Slug, page.Title, page.Summary, page.Version, page.LastReviewed, page.UpdatedAt, page.LocalAuthority,
            Sections = Labelled(page.Sections, SendTaxonomy.LocalOfferSections),
            AuditAspects = Labelled(page.AuditAspects, SendTaxonomy.AuditAspects),
            page.Body,
            Html = SafeMarkdown.ToHtml(page.Body),
        });
    }

    private static async Task<IResult> Versions(string slug, InformationPages pages, CancellationToken ct)
    {
        if (await pages.FindAsync(slug, ct) is not { } page)
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The information page");
        }

        return Results.Ok(new { items = await pages.VersionsAsync(page.Id, ct) });
    }

    private static async Task<IResult> Create(PageRequest request, InformationPages pages, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        var (content, errors) = Validate(request, request.Slug, clock);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        // A page belongs to the LA of the officer who wrote it.
        var id = await pages.CreateAsync(content!, http.User.LocalAuthority(), Author(http), ct);
        if (id is null)
        {
            return new ValidationErrors().Add("slug", $"A page with the address '{content!.Slug}' already exists: choose another, or edit that page.").ToResult();
        }

        return Results.Created($"/api/catalogue/pages/{content!.Slug}", new { id, content.Slug, version = 1 });
    }

    private static async Task<IResult> Update(string slug, PageRequest request, InformationPages pages, HttpContext http, TimeProvider clock, CancellationToken ct)
    {
        if (await pages.FindAsync(slug, ct) is not { } page)
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The information page");
        }

        if (page.LocalAuthority is not null && page.LocalAuthority != http.User.LocalAuthority())
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This page belongs to another local authority",
                detail: "Only an officer of the local authority that published the page can change it.");
        }

        var (content, errors) = Validate(request, slug, clock);
        errors.Require(request.Version is not null, "version", "Say which version of the page you edited.");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var version = await pages.UpdateAsync(page.Id, request.Version!.Value, content!, Author(http), ct);
        return version is null
            ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The page has changed since you opened it",
                detail: $"Version {request.Version} is no longer the latest. Open the page again, and make your changes to the latest version.")
            : Results.Ok(new { page.Id, page.Slug, version });
    }

    private static (PageContent? Content, ValidationErrors Errors) Validate(PageRequest r, string? slug, TimeProvider clock)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var sections = r.Sections ?? [];
        var aspects = r.AuditAspects ?? [];
        var errors = new ValidationErrors()
            .Require(slug is not null && slug.Length <= 80 && Slug().IsMatch(slug), "slug",
                "Give the page an address of lower-case words joined by hyphens, such as ehc-needs-assessment.")
            .Require(!string.IsNullOrWhiteSpace(r.Title) && r.Title.Length <= 120, "title", "Give the page a title of 120 characters or fewer.")
            .Require((r.Summary ?? "").Length <= 300, "summary", "Keep the summary to 300 characters or fewer.")
            .Require(!string.IsNullOrWhiteSpace(r.Body) && r.Body.Length <= 50_000, "body", "Write the page's content (up to 50,000 characters).")
            .Require(sections.Length > 0, "sections", "Say which Local Offer section or sections the page belongs to.")
            .Require(sections.All(SendTaxonomy.LocalOfferSections.ContainsKey), "sections",
                $"Use Local Offer sections: {string.Join(", ", SendTaxonomy.LocalOfferSections.Keys)}.")
            .Require(aspects.All(SendTaxonomy.AuditAspects.ContainsKey), "auditAspects",
                $"Use audit aspects: {string.Join(", ", SendTaxonomy.AuditAspects.Keys)}.")
            .Require(r.LastReviewed is null || r.LastReviewed <= today, "lastReviewed", "The date the page was last reviewed cannot be in the future.");
        return errors.Any
            ? (null, errors)
            : (new PageContent(slug!, r.Title!.Trim(), (r.Summary ?? "").Trim(), r.Body!, sections.Distinct().ToArray(), aspects.Distinct().ToArray(), r.LastReviewed ?? today), errors);
    }

    private static string Author(HttpContext http) => http.User.Identity?.Name ?? http.User.UserId() ?? "unknown";

    private static object Summary(InformationPage page) => new
    {
        page.Id, page.Slug, page.Title, page.Summary, page.Version, page.LastReviewed, page.UpdatedAt, page.Sections, page.AuditAspects, page.LocalAuthority,
    };

    private static IEnumerable<object> Labelled(IEnumerable<string> codes, IReadOnlyDictionary<string, string> labels) =>
        codes.Select(c => new { code = c, label = labels.TryGetValue(c, out var label) ? label : c });

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex Slug();
}
