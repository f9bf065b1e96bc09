using System.Security.Claims;
using Dapper;
using Marketplace.Commissioning.Features.Feedback;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Security;
using Marketplace.ServiceDefaults.Taxonomy;
using Npgsql;

namespace Marketplace.Commissioning.Features.Audit;

/// <summary>
/// The Local Offer audit, for commissioners (the adviser role, ADR 0015): every commissioner reads every LA's scores and
/// the regional report (they describe public websites); only a commissioner of an LA proposes, confirms or overrides its scores.
/// </summary>
public static class AuditApi
{
    public sealed record DecisionRequest(string? Score, string? Note);

    public static IEndpointRouteBuilder MapAuditApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/commissioning/audit");
        api.MapGet("/rubric", (Rubric rubric) => Results.Ok(rubric)).AllowAnonymous();
        var commissioner = api.MapGroup("").RequireAuthorization(p => p.RequireRole(MarketplaceRoles.Commissioner));
        commissioner.MapGet("/report", Report);
        commissioner.MapGet("/{la}", Scores);
        commissioner.MapPost("/{la}/proposals", Propose);
        commissioner.MapPost("/{la}/items/{code}/decision", Decide);
        commissioner.MapGet("/{la}/items/{code}/decisions", Decisions);
        return app;
    }

    private static async Task<IResult> Propose(string la, ClaimsPrincipal user, AuditProposer proposer, TimeProvider clock, CancellationToken ct)
    {
        if (!SendTaxonomy.IsLocalAuthorityCode(la))
        {
            return new ValidationErrors().Add("la", "Use an ONS local authority code such as E08000010.").ToResult();
        }

        if (user.LocalAuthority() != la)
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The local authority's audit");
        }

        var proposals = await proposer.ProposeAsync(la, clock.GetUtcNow(), ct);
        return Results.Ok(new { localAuthority = la, items = proposals });
    }

    private static async Task<IResult> Scores(string la, Rubric rubric, NpgsqlDataSource db, CancellationToken ct)
    {
        if (!SendTaxonomy.IsLocalAuthorityCode(la))
        {
            return new ValidationErrors().Add("la", "Use an ONS local authority code such as E08000010.").ToResult();
        }

        var scores = (await AuditScore.ListAsync(db, la, ct)).ToDictionary(s => s.ItemCode);
        return Results.Ok(new
        {
            localAuthority = la,
            name = RegionalReport.NameOf(la),
            frameworks = rubric.Frameworks.Select(f => new
            {
                f.Code, f.Title,
                sections = f.Sections.Select(s => new
                {
                    s.Code, s.Title,
                    items = s.Items.Select(i =>
                    {
                        var score = scores.GetValueOrDefault(i.Code);
                        return new
                        {
                            i.Code, i.Title, i.Question, proposed = score?.Proposed, score = score?.Score, reason = score?.Reason,
                            evidence = score?.Evidence ?? [], proposedAt = score?.ProposedAt, confirmed = score?.Confirmed, note = score?.Note,
                            decidedBy = score?.DecidedBy, decidedAt = score?.DecidedAt,
                        };
                    }),
                }),
            }),
        });
    }

    /// <summary>The adviser confirms the proposal (a note is optional) or overrides it (a note saying why is required). Both go in the decision trail.</summary>
    private static async Task<IResult> Decide(string la, string code, DecisionRequest body, ClaimsPrincipal user, Rubric rubric, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (user.LocalAuthority() != la || rubric.Find(code) is null)
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The audit item");
        }

        var errors = new ValidationErrors()
            .Require(body.Score is "yes" or "partial" or "no", "score", "The score must be yes, partial or no.")
            .Require((body.Note ?? "").Length <= 2000, "note", "The note must be 2,000 characters or fewer.");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var proposed = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "SELECT proposed FROM audit_scores WHERE local_authority = @la AND item_code = @code FOR UPDATE", new { la, code }, transaction, cancellationToken: ct));
        if (proposed is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "There is no proposed score yet",
                detail: "Ask the system to propose scores for your Local Offer first.");
        }

        if (body.Score != proposed && string.IsNullOrWhiteSpace(body.Note))
        {
            return new ValidationErrors().Add("note", $"Say why you are changing the proposed score ({RegionalReport.Label(proposed)}).").ToResult();
        }

        var officer = Officer.From(user);
        var now = clock.GetUtcNow();
        var note = (body.Note ?? "").Trim();
        await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE audit_scores SET confirmed = @Score, note = @note, decided_by = @name, decided_at = @now WHERE local_authority = @la AND item_code = @code;
            INSERT INTO audit_decisions (id, local_authority, item_code, proposed, score, note, actor_id, actor_name, decided_at)
            VALUES (@id, @la, @code, @proposed, @Score, @note, @actorId, @name, @now);
            """, new { body.Score, note, name = officer.Name, actorId = officer.Id, now, la, code, proposed, id = Guid.CreateVersion7() }, transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return Results.Ok(new { localAuthority = la, item = code, proposed, score = body.Score, overridden = body.Score != proposed });
    }

    /// <summary>The trail of one item's decisions, newest first: who, when, what was proposed, the score and why.</summary>
    private static async Task<IResult> Decisions(string la, string code, Rubric rubric, NpgsqlDataSource db, CancellationToken ct)
    {
        if (!SendTaxonomy.IsLocalAuthorityCode(la) || rubric.Find(code) is null)
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The audit item");
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        var items = await connection.QueryAsync<DecisionEntry>(new CommandDefinition(
            """
            SELECT proposed, score, note, actor_name, decided_at FROM audit_decisions
            WHERE local_authority = @la AND item_code = @code ORDER BY decided_at DESC, id DESC
            """, new { la, code }, cancellationToken: ct));
        return Results.Ok(new { items });
    }

    public sealed class DecisionEntry
    {
        public string Proposed { get; set; } = "";
        public string Score { get; set; } = "";
        public string Note { get; set; } = "";
        public string ActorName { get; set; } = "";
        public DateTimeOffset DecidedAt { get; set; }
    }

    private static async Task<IResult> Report(HttpRequest request, Rubric rubric, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct, string? format = null)
    {
        var scores = await AuditScore.ListAsync(db, null, ct);
        if (format == "csv" || request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return Results.File(await RegionalReport.CsvAsync(rubric, scores), "text/csv; charset=utf-8", "local-offer-audit.csv");
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        var history = (await connection.QueryAsync<AuditDecision>(new CommandDefinition(
            "SELECT local_authority, item_code, score, decided_at FROM audit_decisions", cancellationToken: ct))).ToList();
        return Results.Ok(RegionalReport.Build(rubric, scores, history, clock.GetUtcNow()));
    }
}
