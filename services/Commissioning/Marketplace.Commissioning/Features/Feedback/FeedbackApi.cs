using System.Security.Claims;
using Dapper;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Security;
using Marketplace.ServiceDefaults.Taxonomy;
using Npgsql;

namespace Marketplace.Commissioning.Features.Feedback;

/// <summary>A comment as its LA's officers see it (contact details included: they never leave this API).</summary>
public sealed class FeedbackItem
{
    public Guid Id { get; set; }
    public string LocalAuthority { get; set; } = "";
    public string About { get; set; } = "";
    public string Respondent { get; set; } = "";
    public string Comment { get; set; } = "";
    public string? PagePath { get; set; }
    public bool IndividualCase { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public string Status { get; set; } = "";
    public string? Theme { get; set; }
    public string? YouSaid { get; set; }
    public string? Response { get; set; }
    public string? ActionPlanned { get; set; }
    public string? RoutedTo { get; set; }
    public string? TriagedBy { get; set; }
    public DateTimeOffset? TriagedAt { get; set; }
}

/// <summary>
/// The Local Offer's review loop: anyone sends feedback; officers of the LA it is about (and only they) triage it,
/// respond, and route individual cases out; the yearly "you said, we did" summary is drafted, checked and published.
/// </summary>
public static class FeedbackApi
{
    public sealed record ResponseRequest(string? Theme, string? YouSaid, string? Response, string? ActionPlanned);

    public sealed record RoutingRequest(string? RoutedTo);

    private const string Columns =
        """
        id, local_authority, about, respondent, comment, page_path, individual_case, contact_name, contact_email, contact_phone, received_at,
        status, theme, you_said, response, action_planned, routed_to, triaged_by, triaged_at
        """;

    public static readonly IReadOnlyDictionary<string, string> RoutingOptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["casework"] = "The SEND casework team",
        ["advice-and-support"] = "The SEND information, advice and support service",
    };

    public static IEndpointRouteBuilder MapFeedbackApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/commissioning");
        api.MapPost("/feedback", Submit).AllowAnonymous();
        api.MapGet("/you-said-we-did/{la}", PublishedYears).AllowAnonymous();
        api.MapGet("/you-said-we-did/{la}/{year:int}", Published).AllowAnonymous();

        var officer = api.MapGroup("").RequireAuthorization(p => p.RequireRole(MarketplaceRoles.LaOfficer));
        officer.MapGet("/feedback", List);
        officer.MapGet("/feedback/{id:guid}", Get);
        officer.MapPost("/feedback/{id:guid}/response", Respond);
        officer.MapPost("/feedback/{id:guid}/routing", RouteOut);
        officer.MapGet("/feedback-summaries/{year:int}", Summary);
        officer.MapPost("/feedback-summaries/{year:int}/draft", Draft);
        officer.MapPost("/feedback-summaries/{year:int}/publication", Publish);
        return app;
    }

    private static async Task<IResult> Submit(FeedbackSubmission body, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = body.Validate();
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var id = Guid.CreateVersion7();
        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO feedback (id, local_authority, about, respondent, comment, page_path, individual_case, contact_name, contact_email, contact_phone, received_at)
            VALUES (@id, @LocalAuthority, @About, @Respondent, @comment, @path, @IndividualCase, @name, @email, @phone, @now)
            """,
            new
            {
                id, body.LocalAuthority, body.About, body.Respondent, comment = body.Comment!.Trim(), path = body.PathOnly(), body.IndividualCase,
                name = FeedbackSubmission.Clean(body.ContactName), email = FeedbackSubmission.Clean(body.ContactEmail),
                phone = FeedbackSubmission.Clean(body.ContactPhone), now = clock.GetUtcNow(),
            }, cancellationToken: ct));
        // The id only: nothing of what was sent is echoed back.
        return Results.Created((string?)null, new { id });
    }

    private static async Task<IResult> List(ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct, string? status = null)
    {
        if (status is not null and not ("new" or "responded" or "routed-out"))
        {
            return new ValidationErrors().Add("status", "Use new, responded or routed-out.").ToResult();
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        var items = await connection.QueryAsync<FeedbackItem>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM feedback WHERE local_authority = @la AND (@status::text IS NULL OR status = @status)
            ORDER BY received_at DESC LIMIT 500
            """, new { la = user.LocalAuthority(), status }, cancellationToken: ct));
        return Results.Ok(new { items });
    }

    private static async Task<IResult> Get(Guid id, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct) =>
        await FindAsync(db, id, user, ct) is { } item ? Results.Ok(item) : ServiceDefaultsExtensions.NotFoundProblem("The feedback");

    private static async Task<IResult> Respond(Guid id, ResponseRequest body, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors()
            .Require(!string.IsNullOrWhiteSpace(body.Theme) && body.Theme.Trim().Length <= 80, "theme", "Give the theme in 80 characters or fewer, such as Short breaks.")
            .Require(!string.IsNullOrWhiteSpace(body.YouSaid) && body.YouSaid.Length <= 1000, "youSaid",
                "Summarise what was said, in your own words and without anything that identifies anyone (up to 1,000 characters).")
            .Require(!string.IsNullOrWhiteSpace(body.Response) && body.Response.Length <= 2000, "response", "Write the local authority's response (up to 2,000 characters).")
            .Require(!string.IsNullOrWhiteSpace(body.ActionPlanned) && body.ActionPlanned.Length <= 1000, "actionPlanned",
                "Say what action is planned, or that none is and why (up to 1,000 characters).");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        if (await FindAsync(db, id, user, ct) is not { } item)
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The feedback");
        }

        if (item.IndividualCase || item.Status == "routed-out")
        {
            return new ValidationErrors().Add("id", "This feedback is about an individual case: route it to casework or the information, advice and support service instead. It is never published.").ToResult();
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE feedback SET status = 'responded', theme = @theme, you_said = @youSaid, response = @response, action_planned = @action,
                triaged_by = @by, triaged_at = @now
            WHERE id = @id
            """,
            new
            {
                id, theme = body.Theme!.Trim(), youSaid = body.YouSaid!.Trim(), response = body.Response!.Trim(), action = body.ActionPlanned!.Trim(),
                by = Officer.From(user).Name, now = clock.GetUtcNow(),
            }, cancellationToken: ct));
        return Results.Ok(new { id, status = "responded" });
    }

    /// <summary>An individual case leaves the review loop for casework or the information, advice and support service; it is never published.</summary>
    private static async Task<IResult> RouteOut(Guid id, RoutingRequest body, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (body.RoutedTo is null || !RoutingOptions.ContainsKey(body.RoutedTo))
        {
            return new ValidationErrors().Add("routedTo", "Say where the case went: casework or advice-and-support.").ToResult();
        }

        if (await FindAsync(db, id, user, ct) is null)
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The feedback");
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE feedback SET status = 'routed-out', individual_case = true, routed_to = @routedTo, theme = NULL, you_said = NULL, response = NULL,
                action_planned = NULL, triaged_by = @by, triaged_at = @now
            WHERE id = @id
            """, new { id, routedTo = body.RoutedTo, by = Officer.From(user).Name, now = clock.GetUtcNow() }, cancellationToken: ct));
        return Results.Ok(new { id, status = "routed-out" });
    }

    private static async Task<IResult> Summary(int year, ClaimsPrincipal user, FeedbackSummaries summaries, CancellationToken ct)
    {
        if (user.LocalAuthority() is not { } la)
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The summary");
        }

        return await summaries.FindAsync(la, year, publishedOnly: false, ct) is { } summary
            ? Results.Ok(View(summary))
            : ServiceDefaultsExtensions.NotFoundProblem("The summary");
    }

    /// <summary>An officer drafts (or redrafts) their LA's summary of a year now, rather than waiting for the yearly job.</summary>
    private static async Task<IResult> Draft(int year, ClaimsPrincipal user, FeedbackSummaries summaries, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (year < 2014 || year > now.Year)
        {
            return new ValidationErrors().Add("year", $"Choose a year from 2014 to {now.Year}.").ToResult();
        }

        if (user.LocalAuthority() is not { } la)
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The summary");
        }

        var draft = await summaries.DraftAsync(la, year, Officer.From(user), now, ct);
        return draft is null
            ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The summary is already published",
                detail: $"The {year} summary has been published and cannot be drafted again.")
            : Results.Ok(View(draft));
    }

    private static async Task<IResult> Publish(int year, ClaimsPrincipal user, FeedbackSummaries summaries, TimeProvider clock, CancellationToken ct)
    {
        if (user.LocalAuthority() is not { } la)
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The summary");
        }

        return await summaries.PublishAsync(la, year, Officer.From(user), clock.GetUtcNow(), ct)
            ? Results.Ok(new { localAuthority = la, year, status = "published" })
            : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "There is no draft to publish",
                detail: $"Draft the {year} summary first. A summary that is already published stays as it is.");
    }

    private static async Task<IResult> PublishedYears(string la, FeedbackSummaries summaries, CancellationToken ct)
    {
        if (!SendTaxonomy.IsLocalAuthorityCode(la))
        {
            return new ValidationErrors().Add("la", "Use an ONS local authority code such as E08000010.").ToResult();
        }

        return Results.Ok(new { localAuthority = la, years = await summaries.PublishedYearsAsync(la, ct) });
    }

    private static async Task<IResult> Published(string la, int year, FeedbackSummaries summaries, CancellationToken ct)
    {
        if (!SendTaxonomy.IsLocalAuthorityCode(la))
        {
            return new ValidationErrors().Add("la", "Use an ONS local authority code such as E08000010.").ToResult();
        }

        return await summaries.FindAsync(la, year, publishedOnly: true, ct) is { } summary
            ? Results.Ok(View(summary))
            : ServiceDefaultsExtensions.NotFoundProblem("The summary");
    }

    private static object View(FeedbackSummary s) => new
    {
        s.LocalAuthority, s.Year, s.Status, s.DraftedAt, s.PublishedAt, Content = FeedbackSummaries.Read(s),
    };

    /// <summary>The feedback, if it is about the officer's own LA; otherwise null (answered as 404, never saying it exists).</summary>
    private static async Task<FeedbackItem?> FindAsync(NpgsqlDataSource db, Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<FeedbackItem>(new CommandDefinition(
            $"SELECT {Columns} FROM feedback WHERE id = @id AND local_authority = @la", new { id, la = user.LocalAuthority() }, cancellationToken: ct));
    }
}
