using System.Globalization;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Marketplace.Commissioning.Features.Feedback;

/// <summary>One "you said, we did" entry: the officer's summary of what was said, the LA's response and its action.</summary>
public sealed record SummaryEntry(string YouSaid, string WeDid, string ActionPlanned);

public sealed record SummaryTheme(string Theme, string Comments, IReadOnlyList<SummaryEntry> Entries);

public sealed record SummaryCount(string Code, string Label, string Comments);

/// <summary>
/// The published content of a year's summary. Every number is a display count ("fewer than 5" for 1 to 4), every text is
/// one an officer wrote: no comment from the public, no contact detail and no individual case is ever in it (ADR 0014).
/// </summary>
public sealed record SummaryContent(
    string LocalAuthority, int Year, string CommentsReceived, IReadOnlyList<SummaryCount> ByTopic, IReadOnlyList<SummaryCount> ByRespondent,
    IReadOnlyList<SummaryTheme> Themes, string RoutedOut);

public sealed class FeedbackSummary
{
    public string LocalAuthority { get; set; } = "";
    public int Year { get; set; }
    public string Status { get; set; } = "";
    public string Content { get; set; } = "";
    public DateTimeOffset DraftedAt { get; set; }
    public string DraftedBy { get; set; } = "";
    public DateTimeOffset? PublishedAt { get; set; }
    public string? PublishedBy { get; set; }
}

/// <summary>Drafts, reads and publishes the yearly summaries. A published summary is final: drafting it again is refused.</summary>
public sealed class FeedbackSummaries(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private sealed class ResponseRow
    {
        public string About { get; set; } = "";
        public string Respondent { get; set; } = "";
        public string Status { get; set; } = "";
        public bool IndividualCase { get; set; }
        public string? Theme { get; set; }
        public string? YouSaid { get; set; }
        public string? Response { get; set; }
        public string? ActionPlanned { get; set; }
    }

    /// <summary>"fewer than 5" for 1 to 4, so that a small group of comments cannot point at anyone; 0 and 5 or more as they are.</summary>
    public static string Count(int n) => n is >= 1 and <= 4 ? "fewer than 5" : n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>Builds a year's content from the feedback received in that calendar year. Reads only the columns it may publish.</summary>
    public async Task<SummaryContent> BuildAsync(NpgsqlConnection connection, string localAuthority, int year, CancellationToken ct)
    {
        var rows = (await connection.QueryAsync<ResponseRow>(new CommandDefinition(
            """
            SELECT about, respondent, status, individual_case, theme, you_said, response, action_planned
            FROM feedback
            WHERE local_authority = @localAuthority AND received_at >= make_timestamptz(@year, 1, 1, 0, 0, 0, 'UTC')
              AND received_at < make_timestamptz(@year + 1, 1, 1, 0, 0, 0, 'UTC')
            ORDER BY received_at, id
            """, new { localAuthority, year }, cancellationToken: ct))).ToList();
        var general = rows.Where(r => !r.IndividualCase).ToList();
        var themes = general
            .Where(r => r.Status == "responded")
            .GroupBy(r => r.Theme!.Trim(), StringComparer.OrdinalIgnoreCase)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.OrdinalIgnoreCase)
            .Select(g => new SummaryTheme(g.First().Theme!.Trim(), Count(g.Count()),
                g.Select(r => new SummaryEntry(r.YouSaid!, r.Response!, r.ActionPlanned!))
                    .DistinctBy(e => (e.YouSaid, e.WeDid, e.ActionPlanned)).ToList()))
            .ToList();
        return new SummaryContent(
            localAuthority, year, Count(general.Count),
            [.. FeedbackSubmission.AboutOptions.Select(o => new SummaryCount(o.Key, o.Value, Count(general.Count(r => r.About == o.Key))))],
            [.. FeedbackSubmission.RespondentOptions.Select(o => new SummaryCount(o.Key, o.Value, Count(general.Count(r => r.Respondent == o.Key))))],
            themes,
            Count(rows.Count(r => r.IndividualCase || r.Status == "routed-out")));
    }

    /// <returns>The draft, or null when that year's summary is already published.</returns>
    public async Task<FeedbackSummary?> DraftAsync(string localAuthority, int year, Officer by, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var content = await BuildAsync(connection, localAuthority, year, ct);
        return await connection.QuerySingleOrDefaultAsync<FeedbackSummary>(new CommandDefinition(
            """
            INSERT INTO feedback_summaries (local_authority, year, status, content, drafted_at, drafted_by)
            VALUES (@localAuthority, @year, 'draft', @content::jsonb, @now, @by)
            ON CONFLICT (local_authority, year) DO UPDATE SET content = excluded.content, drafted_at = excluded.drafted_at, drafted_by = excluded.drafted_by
                WHERE feedback_summaries.status = 'draft'
            RETURNING local_authority, year, status, content::text AS content, drafted_at, drafted_by, published_at, published_by
            """, new { localAuthority, year, content = JsonSerializer.Serialize(content, Json), now, by = by.Name }, cancellationToken: ct));
    }

    /// <summary>The yearly job: drafts last year's summary for every LA that received feedback in it. Returns the LAs drafted.</summary>
    public async Task<IReadOnlyList<string>> DraftYearAsync(int year, Officer by, DateTimeOffset now, CancellationToken ct)
    {
        List<string> authorities;
        await using (var connection = await dataSource.OpenConnectionAsync(ct))
        {
            authorities = (await connection.QueryAsync<string>(new CommandDefinition(
                """
                SELECT DISTINCT local_authority FROM feedback
                WHERE received_at >= make_timestamptz(@year, 1, 1, 0, 0, 0, 'UTC') AND received_at < make_timestamptz(@year + 1, 1, 1, 0, 0, 0, 'UTC')
                ORDER BY local_authority
                """, new { year }, cancellationToken: ct))).ToList();
        }

        var drafted = new List<string>();
        foreach (var la in authorities)
        {
            if (await DraftAsync(la, year, by, now, ct) is not null)
            {
                drafted.Add(la);
            }
        }

        return drafted;
    }

    public async Task<FeedbackSummary?> FindAsync(string localAuthority, int year, bool publishedOnly, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<FeedbackSummary>(new CommandDefinition(
            """
            SELECT local_authority, year, status, content::text AS content, drafted_at, drafted_by, published_at, published_by
            FROM feedback_summaries WHERE local_authority = @localAuthority AND year = @year AND (NOT @publishedOnly OR status = 'published')
            """, new { localAuthority, year, publishedOnly }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<int>> PublishedYearsAsync(string localAuthority, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return (await connection.QueryAsync<int>(new CommandDefinition(
            "SELECT year FROM feedback_summaries WHERE local_authority = @localAuthority AND status = 'published' ORDER BY year DESC",
            new { localAuthority }, cancellationToken: ct))).ToList();
    }

    /// <returns>False when there is no draft for that year.</returns>
    public async Task<bool> PublishAsync(string localAuthority, int year, Officer by, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE feedback_summaries SET status = 'published', published_at = @now, published_by = @by
            WHERE local_authority = @localAuthority AND year = @year AND status = 'draft'
            """, new { localAuthority, year, now, by = by.Name }, cancellationToken: ct)) == 1;
    }

    public static SummaryContent Read(FeedbackSummary summary) => JsonSerializer.Deserialize<SummaryContent>(summary.Content, Json)!;
}
