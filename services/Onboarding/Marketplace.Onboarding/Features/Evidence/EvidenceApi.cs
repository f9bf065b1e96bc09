using System.Security.Claims;
using Dapper;
using Marketplace.ServiceDefaults;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Security;
using Npgsql;

namespace Marketplace.Onboarding.Features.Evidence;

/// <summary>Vetting evidence: files (PDF or images, checked by content, up to 10 MB) with expiry dates, seen only by the provider and LA officers.</summary>
public static class EvidenceApi
{
    public static IEndpointRouteBuilder MapEvidenceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/onboarding").RequireAuthorization();
        api.MapPost("/providers/{providerId:guid}/evidence", Upload)
            .RequireAuthorization(p => p.RequireRole(MarketplaceRoles.Provider))
            .DisableAntiforgery();
        api.MapGet("/evidence/{evidenceId:guid}/file", Download);
        return app;
    }

    private static async Task<IResult> Upload(Guid providerId, HttpRequest request, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        if (!user.ActsForProvider(providerId))
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The provider");
        }

        if (!request.HasFormContentType)
        {
            return new ValidationErrors().Add("file", "Send the evidence as a multipart form with fields kind, expiresOn and file.").ToResult();
        }

        var form = await request.ReadFormAsync(ct);
        var kind = form["kind"].ToString();
        var expires = form["expiresOn"].ToString();
        var file = form.Files.GetFile("file");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var errors = new ValidationErrors()
            .Require(EvidenceKinds.Labels.ContainsKey(kind), "kind", "Choose the kind of evidence: public-liability-insurance, safeguarding-policy or registration-certificate.");
        DateOnly? expiresOn = null;
        if (DateOnly.TryParseExact(expires, "yyyy-MM-dd", out var parsed))
        {
            expiresOn = parsed;
            errors.Require(parsed >= today, "expiresOn", "The expiry date must be today or in the future. Upload evidence that is still in date.");
        }
        else
        {
            errors.Require(kind == "registration-certificate" && string.IsNullOrEmpty(expires), "expiresOn", "Enter the expiry date as YYYY-MM-DD, for example 2027-03-31.");
        }

        byte[]? content = null;
        string? contentType = null;
        if (file is null)
        {
            errors.Add("file", "Choose a file to upload.");
        }
        else if (file.Length == 0)
        {
            errors.Add("file", "The selected file is empty.");
        }
        else if (file.Length > FileContent.MaximumBytes)
        {
            errors.Add("file", "The selected file must be smaller than 10 MB.");
        }
        else
        {
            await using var stream = file.OpenReadStream();
            using var buffer = new MemoryStream((int)file.Length);
            await stream.CopyToAsync(buffer, ct);
            content = buffer.ToArray();
            contentType = FileContent.Sniff(content.AsSpan(0, Math.Min(content.Length, 16)));
            if (contentType is null)
            {
                errors.Add("file", FileContent.LooksExecutable(content.AsSpan(0, Math.Min(content.Length, 16)))
                    ? "The selected file is a program, not a document. Upload a PDF, JPG or PNG."
                    : "The selected file must be a PDF, JPG, PNG, GIF or WEBP (checked from its content, not its name).");
            }
        }

        if (errors.Any)
        {
            return errors.ToResult();
        }

        var id = Guid.CreateVersion7();
        var now = clock.GetUtcNow();
        var fileName = Path.GetFileNameWithoutExtension(file!.FileName);
        fileName = (string.IsNullOrWhiteSpace(fileName) ? kind : new string(fileName.Where(c => char.IsLetterOrDigit(c) || c is '-' or '_' or ' ').Take(80).ToArray())) + FileContent.Extension(contentType!);
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM providers WHERE id = @providerId)", new { providerId }, transaction, cancellationToken: ct));
        if (!exists)
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The provider");
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE evidence SET superseded_at = @now WHERE provider_id = @providerId AND kind = @kind AND superseded_at IS NULL",
            new { providerId, kind, now }, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO evidence (id, provider_id, kind, expires_on, file_name, content_type, size_bytes, content, uploaded_at, uploaded_by)
            VALUES (@id, @providerId, @kind, @expiresOn, @fileName, @contentType, @size, @content, @now, @by)
            """,
            new { id, providerId, kind, expiresOn, fileName, contentType, size = content!.Length, content, now, by = user.UserId() },
            transaction, cancellationToken: ct));
        await transaction.CommitAsync(ct);
        return Results.Created($"/api/onboarding/evidence/{id}/file", new { id, kind, expiresOn, contentType, fileName });
    }

    private static async Task<IResult> Download(Guid evidenceId, ClaimsPrincipal user, NpgsqlDataSource db, HttpResponse response, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var file = await connection.QuerySingleOrDefaultAsync<StoredFile>(new CommandDefinition(
            """
            SELECT e.provider_id, p.areas_served, e.file_name, e.content_type, e.content
            FROM evidence e JOIN providers p ON p.id = e.provider_id WHERE e.id = @evidenceId
            """, new { evidenceId }, cancellationToken: ct));
        var allowed = file is not null && (user.ActsForProvider(file.ProviderId)
            || (user.IsInRole(MarketplaceRoles.LaOfficer) && file.AreasServed.Contains(user.LocalAuthority())));
        if (!allowed || file!.Content is null)
        {
            return ServiceDefaultsExtensions.NotFoundProblem("The evidence file");
        }

        response.Headers.CacheControl = "private, no-store";
        return Results.File(file.Content, file.ContentType, file.FileName);
    }

    private sealed class StoredFile
    {
        public Guid ProviderId { get; set; }
        public string[] AreasServed { get; set; } = [];
        public string? FileName { get; set; }
        public string ContentType { get; set; } = "application/octet-stream";
        public byte[]? Content { get; set; }
    }
}
