using System.Globalization;
using System.Security.Claims;
using System.Text;
using System.Text.Json;
using CsvHelper;
using Dapper;
using Marketplace.Contracts.Onboarding;
using Marketplace.Onboarding.Features.Evidence;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Messaging;
using Marketplace.ServiceDefaults.Security;
using Npgsql;

namespace Marketplace.Onboarding.Features.Providers;

/// <summary>Providers join, are vetted by the local authority, and can be suspended and reinstated.</summary>
public static class ProvidersApi
{
    public sealed record DecisionRequest(string? Outcome, string? Reason);

    public sealed record ReasonRequest(string? Reason);

    public static IEndpointRouteBuilder MapProvidersApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/onboarding").RequireAuthorization();
        var provider = api.MapGroup("").RequireAuthorization(p => p.RequireRole(MarketplaceRoles.Provider));
        var officer = api.MapGroup("").RequireAuthorization(p => p.RequireRole(MarketplaceRoles.LaOfficer));

        provider.MapPost("/providers", Register);
        provider.MapPut("/providers/{providerId:guid}", Update);
        provider.MapPost("/providers/{providerId:guid}/submission", Submit);
        provider.MapGet("/providers/{providerId:guid}/notices", Notices);
        api.MapGet("/providers/{providerId:guid}", Get);
        officer.MapPost("/providers/{providerId:guid}/decision", Decide);
        officer.MapPost("/providers/{providerId:guid}/suspension", (Guid providerId, ReasonRequest body, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
            OfficerAction(providerId, "suspended", body.Reason, user, db, clock, ct));
        officer.MapPost("/providers/{providerId:guid}/reinstatement", (Guid providerId, ReasonRequest body, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
            OfficerAction(providerId, "reinstated", body.Reason, user, db, clock, ct));
        officer.MapGet("/vetting-queue", VettingQueue);
        officer.MapGet("/audit-trail", AuditTrail);
        return app;
    }

    private static async Task<IResult> Register(ProviderRegistration body, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (user.OrganisationId() is { Length: > 0 } existing)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Your account already acts for a provider",
                detail: $"Your account acts for provider {existing}. Ask the local authority to set up a second organisation.");
        }

        var errors = body.Validate();
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var actor = Actor.From(user);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO providers (id, name, sector, status, home_local_authority, areas_served, contact_email, contact_name, contact_phone,
                ofsted_urn, cqc_location_id, charity_number, company_number, owner_user_id, created_at, updated_at)
            VALUES (@id, @Name, @Sector, 'draft', @home, @areas, @ContactEmail, @ContactName, @ContactPhone,
                @ofsted, @cqc, @charity, @company, @owner, @now, @now)
            """,
            new
            {
                id, Name = body.Name!.Trim(), body.Sector, home = body.AreasServed![0], areas = body.AreasServed.Distinct().ToArray(),
                ContactEmail = body.ContactEmail!.Trim(), ContactName = body.ContactName!.Trim(), ContactPhone = body.ContactPhone?.Trim(),
                ofsted = ProviderRegistration.Normalise(body.OfstedUrn), cqc = ProviderRegistration.Normalise(body.CqcLocationId),
                charity = ProviderRegistration.Normalise(body.CharityNumber), company = ProviderRegistration.Normalise(body.CompanyNumber),
                owner = actor.Id, now,
            }, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO audit_trail (at, actor_id, actor_name, actor_role, provider_id, action, from_status, to_status, reason)
            VALUES (@now, @Id, @Name, @Role, @providerId, 'registered', NULL, 'draft', 'Registered by the provider')
            """, new { now, actor.Id, actor.Name, actor.Role, providerId = id }, transaction, cancellationToken: ct));
        await Outbox.EnqueueAsync(transaction, new ProviderRegistered(id, body.Name.Trim(), actor.Id, now), ct);
        await transaction.CommitAsync(ct);
        return Results.Created($"/api/onboarding/providers/{id}", new { id, status = ProviderStates.Draft });
    }

    private static async Task<IResult> Update(Guid providerId, ProviderRegistration body, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (!user.ActsForProvider(providerId))
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The provider");
        }

        var errors = body.Validate();
        if (errors.Any)
        {
            return errors.ToResult();
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE providers SET name = @Name, sector = @Sector, areas_served = @areas, contact_email = @ContactEmail, contact_name = @ContactName,
                contact_phone = @ContactPhone, ofsted_urn = @ofsted, cqc_location_id = @cqc, charity_number = @charity, company_number = @company,
                updated_at = @now
            WHERE id = @providerId AND status IN ('draft', 'changes-requested')
            """,
            new
            {
                providerId, Name = body.Name!.Trim(), body.Sector, areas = body.AreasServed!.Distinct().ToArray(), ContactEmail = body.ContactEmail!.Trim(),
                ContactName = body.ContactName!.Trim(), ContactPhone = body.ContactPhone?.Trim(),
                ofsted = ProviderRegistration.Normalise(body.OfstedUrn), cqc = ProviderRegistration.Normalise(body.CqcLocationId),
                charity = ProviderRegistration.Normalise(body.CharityNumber), company = ProviderRegistration.Normalise(body.CompanyNumber),
                now = clock.GetUtcNow(),
            }, cancellationToken: ct));
        return updated == 1
            ? Results.NoContent()
            : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The organisation cannot be changed now",
                detail: "Details can be changed while the registration is a draft or the local authority has asked for changes.");
    }

    private static async Task<IResult> Submit(Guid providerId, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (!user.ActsForProvider(providerId))
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The provider");
        }

        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var provider = await ProviderStatus.LockAsync(transaction, providerId, ct);
        if (provider is null)
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The provider");
        }

        if (!ProviderStatus.Transitions["submitted"].From.Contains(provider.Status))
        {
            return Conflict($"The registration is {provider.Status}; only a draft, or one the local authority sent back for changes, can be submitted.");
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var current = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT kind FROM evidence WHERE provider_id = @providerId AND superseded_at IS NULL AND (expires_on IS NULL OR expires_on >= @today)",
            new { providerId, today }, transaction, cancellationToken: ct))).ToHashSet();
        var errors = new ValidationErrors();
        foreach (var kind in EvidenceKinds.Required.Where(k => !current.Contains(k)))
        {
            errors.Add("evidence", $"Upload your {EvidenceKinds.Labels[kind]} (in date) before you submit.");
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        await ProviderStatus.ChangeAsync(transaction, provider, "submitted", Actor.From(user), "Submitted for vetting", now, ct);
        await transaction.CommitAsync(ct);
        return Results.Ok(new { providerId, status = provider.Status });
    }

    private static async Task<IResult> Decide(Guid providerId, DecisionRequest body, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = new ValidationErrors()
            .Require(body.Outcome is "approved" or "rejected" or "changes-requested", "outcome", "The outcome must be approved, rejected or changes-requested.");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        return await OfficerAction(providerId, body.Outcome!, body.Reason, user, db, clock, ct);
    }

    /// <summary>A decision by an LA officer about a provider that serves the officer's authority, always with a reason.</summary>
    private static async Task<IResult> OfficerAction(Guid providerId, string action, string? reason, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return new ValidationErrors().Add("reason", "Give the reason for this decision. The provider will see it.").ToResult();
        }

        if (reason.Length > 2000)
        {
            return new ValidationErrors().Add("reason", "The reason must be 2,000 characters or fewer.").ToResult();
        }

        var now = clock.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var provider = await ProviderStatus.LockAsync(transaction, providerId, ct);
        if (provider is null)
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The provider");
        }

        if (!provider.AreasServed.Contains(user.LocalAuthority()))
        {
            return Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "This provider does not serve your local authority",
                detail: "Only an officer of a local authority the provider serves can decide on it.");
        }

        if (!ProviderStatus.Transitions[action].From.Contains(provider.Status))
        {
            return Conflict($"The provider is {provider.Status}; '{action}' is not possible from there.");
        }

        if (action == "reinstated")
        {
            var expired = await EvidenceKinds.ExpiredRequiredAsync(transaction, providerId, DateOnly.FromDateTime(now.UtcDateTime), ct);
            if (expired.Count > 0)
            {
                return Conflict($"Ask the provider for new evidence first: {string.Join(", ", expired)} has expired.");
            }
        }

        await ProviderStatus.ChangeAsync(transaction, provider, action, Actor.From(user), reason.Trim(), now, ct);
        if (action is "approved" or "rejected" or "changes-requested")
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE providers SET decided_snapshot = @snapshot::jsonb WHERE id = @providerId",
                new { providerId, snapshot = JsonSerializer.Serialize(await SnapshotAsync(transaction, providerId, ct)) }, transaction, cancellationToken: ct));
        }

        await transaction.CommitAsync(ct);
        return Results.Ok(new { providerId, status = provider.Status, statusVersion = provider.StatusVersion });
    }

    private static async Task<IResult> Get(Guid providerId, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var provider = await connection.QuerySingleOrDefaultAsync<ProviderView>(new CommandDefinition(
            $"SELECT {ProviderView.Columns} FROM providers WHERE id = @providerId", new { providerId }, cancellationToken: ct));
        if (provider is null || !CanSee(user, providerId, provider.AreasServed))
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The provider");
        }

        provider.Evidence = (await connection.QueryAsync<EvidenceView>(new CommandDefinition(
            $"SELECT {EvidenceView.Columns} FROM evidence WHERE provider_id = @providerId AND superseded_at IS NULL ORDER BY kind",
            new { providerId }, cancellationToken: ct))).ToList();
        provider.History = (await connection.QueryAsync<AuditEntry>(new CommandDefinition(
            $"SELECT {AuditEntry.Columns} FROM audit_trail a WHERE a.provider_id = @providerId ORDER BY a.at, a.id", new { providerId }, cancellationToken: ct))).ToList();
        return Results.Ok(provider);
    }

    private static async Task<IResult> Notices(Guid providerId, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct)
    {
        if (!user.ActsForProvider(providerId))
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The provider");
        }

        await using var connection = await db.OpenConnectionAsync(ct);
        var notices = await connection.QueryAsync<Notice>(new CommandDefinition(
            "SELECT id, kind, message, created_at FROM notices WHERE provider_id = @providerId ORDER BY created_at DESC, id LIMIT 50",
            new { providerId }, cancellationToken: ct));
        return Results.Ok(notices);
    }

    /// <summary>Submitted registrations of providers serving the officer's authority, oldest first, with what changed since the last decision.</summary>
    private static async Task<IResult> VettingQueue(ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var la = user.LocalAuthority();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        var waiting = (await connection.QueryAsync<QueueRow>(new CommandDefinition(
            """
            SELECT id, name, sector, submitted_at, decided_snapshot::text AS decided_snapshot
            FROM providers WHERE status = 'submitted' AND @la = ANY(areas_served)
            ORDER BY submitted_at, id
            """, new { la }, transaction, cancellationToken: ct))).ToList();
        var queue = new List<object>();
        foreach (var row in waiting)
        {
            var now = await SnapshotAsync(transaction, row.Id, ct);
            var before = row.DecidedSnapshot is null ? null : JsonSerializer.Deserialize<Dictionary<string, string?>>(row.DecidedSnapshot);
            var changed = before is null ? [] : now.Where(p => !before.TryGetValue(p.Key, out var old) || old != p.Value).Select(p => p.Key).ToList();
            queue.Add(new { row.Id, row.Name, row.Sector, row.SubmittedAt, firstSubmission = before is null, changedSinceLastDecision = changed });
        }

        var expiring = await connection.QueryAsync<ExpiringEvidence>(new CommandDefinition(
            """
            SELECT p.id AS provider_id, p.name AS provider_name, p.status, e.id AS evidence_id, e.kind, e.expires_on
            FROM evidence e JOIN providers p ON p.id = e.provider_id
            WHERE e.superseded_at IS NULL AND e.expires_on BETWEEN @today AND @until AND @la = ANY(p.areas_served)
            ORDER BY e.expires_on, p.name
            """, new { today, until = today.AddDays(30), la }, transaction, cancellationToken: ct));
        return Results.Ok(new { waiting = queue, expiringWithin30Days = expiring });
    }

    /// <summary>Every decision about providers serving the officer's authority; CSV when asked with <c>Accept: text/csv</c>.</summary>
    private static async Task<IResult> AuditTrail(HttpRequest request, ClaimsPrincipal user, NpgsqlDataSource db, CancellationToken ct, Guid? providerId = null)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var entries = (await connection.QueryAsync<AuditEntry>(new CommandDefinition(
            $"""
            SELECT {AuditEntry.Columns} FROM audit_trail a
            WHERE EXISTS (SELECT 1 FROM providers p WHERE p.id = a.provider_id AND @la = ANY(p.areas_served))
              AND (@providerId::uuid IS NULL OR a.provider_id = @providerId)
            ORDER BY a.at, a.id
            """, new { la = user.LocalAuthority(), providerId }, cancellationToken: ct))).ToList();
        if (!request.Headers.Accept.ToString().Contains("text/csv", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Ok(entries);
        }

        await using var writer = new StringWriter(CultureInfo.InvariantCulture);
        await using (var csv = CsvWriter.Create(writer, new CsvWriterOptions(), true))
        {
            foreach (var header in new[] { "at", "actor", "actor_role", "provider_id", "action", "from_status", "to_status", "reason", "provider" })
            {
                csv.WriteField(header);
            }

            csv.EndRecord();
            foreach (var e in entries)
            {
                foreach (var field in new[] { e.At.ToString("O", CultureInfo.InvariantCulture), e.ActorName, e.ActorRole, e.ProviderId.ToString(), e.Action, e.FromStatus ?? "", e.ToStatus ?? "", e.Reason, e.ProviderName })
                {
                    csv.WriteField(SpreadsheetSafe(field));
                }

                csv.EndRecord();
            }
        }

        return Results.File(Encoding.UTF8.GetBytes(writer.ToString()), "text/csv; charset=utf-8", "audit-trail.csv");
    }

    /// <summary>A cell a spreadsheet would run as a formula (=, +, -, @) is prefixed with an apostrophe.</summary>
    private static string SpreadsheetSafe(string field) =>
        field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + field : field;

    /// <summary>The fields an officer reviews, as text, to tell what changed since the last decision.</summary>
    private static async Task<Dictionary<string, string?>> SnapshotAsync(NpgsqlTransaction transaction, Guid providerId, CancellationToken ct)
    {
        var p = await transaction.Connection!.QuerySingleAsync<ProviderView>(new CommandDefinition(
            $"SELECT {ProviderView.Columns} FROM providers WHERE id = @providerId", new { providerId }, transaction, cancellationToken: ct));
        var evidence = await transaction.Connection!.QueryAsync<(string Kind, Guid Id)>(new CommandDefinition(
            "SELECT kind, id FROM evidence WHERE provider_id = @providerId AND superseded_at IS NULL", new { providerId }, transaction, cancellationToken: ct));
        var snapshot = new Dictionary<string, string?>
        {
            ["name"] = p.Name, ["sector"] = p.Sector, ["contactName"] = p.ContactName, ["contactEmail"] = p.ContactEmail,
            ["contactPhone"] = p.ContactPhone, ["areasServed"] = string.Join(",", p.AreasServed.Order()), ["ofstedUrn"] = p.OfstedUrn,
            ["cqcLocationId"] = p.CqcLocationId, ["charityNumber"] = p.CharityNumber, ["companyNumber"] = p.CompanyNumber,
        };
        foreach (var e in evidence)
        {
            snapshot[$"evidence:{e.Kind}"] = e.Id.ToString();
        }

        return snapshot;
    }

    private static bool CanSee(ClaimsPrincipal user, Guid providerId, string[] areas) =>
        user.ActsForProvider(providerId) || (user.IsInRole(MarketplaceRoles.LaOfficer) && areas.Contains(user.LocalAuthority()));

    private static IResult Conflict(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "That is not possible in the provider's current state", detail: detail);

    public sealed class ProviderView
    {
        public const string Columns =
            "id, name, sector, status, areas_served, contact_name, contact_email, contact_phone, ofsted_urn, cqc_location_id, charity_number, " +
            "company_number, status_version, submitted_at, decided_at, last_reason, created_at";

        public Guid Id { get; set; }
        public string Name { get; set; } = "";
        public string Sector { get; set; } = "";
        public string Status { get; set; } = "";
        public string[] AreasServed { get; set; } = [];
        public string? ContactName { get; set; }
        public string? ContactEmail { get; set; }
        public string? ContactPhone { get; set; }
        public string? OfstedUrn { get; set; }
        public string? CqcLocationId { get; set; }
        public string? CharityNumber { get; set; }
        public string? CompanyNumber { get; set; }
        public int StatusVersion { get; set; }
        public DateTimeOffset? SubmittedAt { get; set; }
        public DateTimeOffset? DecidedAt { get; set; }
        public string? LastReason { get; set; }
        public DateTimeOffset CreatedAt { get; set; }
        public List<EvidenceView> Evidence { get; set; } = [];
        public List<AuditEntry> History { get; set; } = [];
    }

    public sealed class AuditEntry
    {
        public const string Columns =
            "a.at, a.actor_name, a.actor_role, a.provider_id, (SELECT p.name FROM providers p WHERE p.id = a.provider_id) AS provider_name, " +
            "a.action, a.from_status, a.to_status, a.reason";

        public DateTimeOffset At { get; set; }
        public string ActorName { get; set; } = "";
        public string ActorRole { get; set; } = "";
        public Guid ProviderId { get; set; }
        public string ProviderName { get; set; } = "";
        public string Action { get; set; } = "";
        public string? FromStatus { get; set; }
        public string? ToStatus { get; set; }
        public string Reason { get; set; } = "";
    }

    public sealed class Notice
    {
        public Guid Id { get; set; }
        public string Kind { get; set; } = "";
        public string Message { get; set; } = "";
        public DateTimeOffset CreatedAt { get; set; }
    }

    private sealed class QueueRow
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
        public string Sector { get; set; } = "";
        public DateTimeOffset? SubmittedAt { get; set; }
        public string? DecidedSnapshot { get; set; }
    }

    public sealed class ExpiringEvidence
    {
        public Guid ProviderId { get; set; }
        public string ProviderName { get; set; } = "";
        public string Status { get; set; } = "";
        public Guid EvidenceId { get; set; }
        public string Kind { get; set; } = "";
        public DateOnly ExpiresOn { get; set; }
    }
}
