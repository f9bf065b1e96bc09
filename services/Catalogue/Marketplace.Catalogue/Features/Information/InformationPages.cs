using Dapper;
using Npgsql;

namespace Marketplace.Catalogue.Features.Information;

/// <summary>An information page as stored. Settable properties: Dapper passes PostgreSQL arrays and dates to setters.</summary>
public sealed class InformationPage
{
    public Guid Id { get; set; }
    public string Slug { get; set; } = "";
    public string Title { get; set; } = "";
    public string Summary { get; set; } = "";
    public string Body { get; set; } = "";
    public string[] Sections { get; set; } = [];
    public string[] AuditAspects { get; set; } = [];

    /// <summary>The LA whose officer wrote the page; null for a page that serves the whole region.</summary>
    public string? LocalAuthority { get; set; }

    public int Version { get; set; }
    public DateOnly LastReviewed { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

public sealed class InformationPageVersion
{
    public int Version { get; set; }
    public string Title { get; set; } = "";
    public DateOnly LastReviewed { get; set; }
    public DateTimeOffset SavedAt { get; set; }
    public string SavedBy { get; set; } = "";
}

/// <summary>The fields an officer writes.</summary>
public sealed record PageContent(string Slug, string Title, string Summary, string Body, string[] Sections, string[] AuditAspects, DateOnly LastReviewed);

/// <summary>Reads and writes information pages; every save adds a version, in the same transaction as the page.</summary>
public sealed class InformationPages(NpgsqlDataSource dataSource)
{
    private const string Columns = "id, slug, title, summary, body, sections, audit_aspects, local_authority, version, last_reviewed, updated_at";

    /// <param name="localAuthority">When given, only that LA's pages and the region's.</param>
    public async Task<IReadOnlyList<InformationPage>> ListAsync(string? section, string? aspect, string? localAuthority, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<InformationPage>(new CommandDefinition(
            $"""
            SELECT {Columns} FROM information_pages
            WHERE (@section::text IS NULL OR sections @> ARRAY[@section::text]) AND (@aspect::text IS NULL OR audit_aspects @> ARRAY[@aspect::text])
              AND (@la::text IS NULL OR local_authority IS NULL OR local_authority = @la::text)
            ORDER BY lower(title)
            """, new { section, aspect, la = localAuthority }, cancellationToken: ct))).ToList();
    }

    public async Task<InformationPage?> FindAsync(string slug, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<InformationPage>(new CommandDefinition(
            $"SELECT {Columns} FROM information_pages WHERE slug = @slug", new { slug }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<InformationPageVersion>> VersionsAsync(Guid pageId, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<InformationPageVersion>(new CommandDefinition(
            "SELECT version, title, last_reviewed, saved_at, saved_by FROM information_page_versions WHERE page_id = @pageId ORDER BY version DESC",
            new { pageId }, cancellationToken: ct))).ToList();
    }

    /// <returns>The new page's id, or null when the slug is taken.</returns>
    public async Task<Guid?> CreateAsync(PageContent content, string? localAuthority, string author, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var id = await CreateAsync(transaction, content, localAuthority, author, ct);
        await transaction.CommitAsync(ct);
        return id;
    }

    public static async Task<Guid?> CreateAsync(NpgsqlTransaction transaction, PageContent content, string? localAuthority, string author, CancellationToken ct)
    {
        var id = Guid.CreateVersion7();
        var inserted = await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO information_pages (id, slug, title, summary, body, sections, audit_aspects, local_authority, version, last_reviewed, updated_by)
            VALUES (@id, @Slug, @Title, @Summary, @Body, @Sections, @AuditAspects, @localAuthority, 1, @LastReviewed, @author)
            ON CONFLICT (slug) DO NOTHING
            """, new { id, content.Slug, content.Title, content.Summary, content.Body, content.Sections, content.AuditAspects, localAuthority, content.LastReviewed, author },
            transaction, cancellationToken: ct));
        if (inserted == 0)
        {
            return null;
        }

        await AddVersionAsync(transaction, id, 1, content, author, ct);
        return id;
    }

    /// <returns>The new version, or null when <paramref name="expectedVersion"/> is no longer the current one.</returns>
    public async Task<int?> UpdateAsync(Guid id, int expectedVersion, PageContent content, string author, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var version = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            """
            UPDATE information_pages SET title = @Title, summary = @Summary, body = @Body, sections = @Sections, audit_aspects = @AuditAspects,
                last_reviewed = @LastReviewed, version = version + 1, updated_at = now(), updated_by = @author
            WHERE id = @id AND version = @expectedVersion
            RETURNING version
            """, new { id, expectedVersion, content.Title, content.Summary, content.Body, content.Sections, content.AuditAspects, content.LastReviewed, author },
            transaction, cancellationToken: ct));
        if (version is null)
        {
            return null;
        }

        await AddVersionAsync(transaction, id, version.Value, content, author, ct);
        await transaction.CommitAsync(ct);
        return version;
    }

    private static Task AddVersionAsync(NpgsqlTransaction transaction, Guid id, int version, PageContent content, string author, CancellationToken ct) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO information_page_versions (page_id, version, title, summary, body, sections, audit_aspects, last_reviewed, saved_by)
            VALUES (@id, @version, @Title, @Summary, @Body, @Sections, @AuditAspects, @LastReviewed, @author)
            """, new { id, version, content.Title, content.Summary, content.Body, content.Sections, content.AuditAspects, content.LastReviewed, author },
            transaction, cancellationToken: ct));
}
