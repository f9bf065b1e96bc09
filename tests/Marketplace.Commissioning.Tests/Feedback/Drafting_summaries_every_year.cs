using Dapper;
using Marketplace.Commissioning.Features.Feedback;
using Marketplace.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Marketplace.Commissioning.Tests.Feedback;

/// <summary>The yearly job against a real database, with the clock under the test's control; and its trigger in the running service's clustered store.</summary>
public sealed class Drafting_summaries_every_year : IAsyncLifetime
{
    private static readonly DateTimeOffset FirstOfFebruary = new(2027, 2, 1, 4, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase db = new(typeof(FeedbackSummaries).Assembly);

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        await db.Runner().StartAsync(CancellationToken.None);
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO feedback (id, local_authority, about, respondent, comment, individual_case, received_at, status, theme, you_said, response, action_planned)
            VALUES
              (gen_random_uuid(), 'E08000003', 'content', 'parent-carer', 'a', false, '2026-03-01Z', 'responded', 'Travel', 'Travel said', 'Travel did', 'Travel next'),
              (gen_random_uuid(), 'E08000003', 'accessibility', 'young-person', 'b', false, '2026-06-01Z', 'responded', 'travel ', 'Travel said', 'Travel did', 'Travel next'),
              (gen_random_uuid(), 'E08000003', 'content', 'practitioner', 'c', false, '2026-07-01Z', 'new', NULL, NULL, NULL, NULL),
              (gen_random_uuid(), 'E08000003', 'content', 'parent-carer', 'd', true, '2026-08-01Z', 'new', NULL, NULL, NULL, NULL),
              (gen_random_uuid(), 'E08000010', 'development', 'other', 'e', false, '2026-12-31T23:00Z', 'new', NULL, NULL, NULL, NULL),
              (gen_random_uuid(), 'E08000012', 'content', 'other', 'f', false, '2027-01-15Z', 'new', NULL, NULL, NULL, NULL);
            INSERT INTO feedback_summaries (local_authority, year, status, content, drafted_at, drafted_by, published_at, published_by)
            VALUES ('E08000010', 2026, 'published', '{"kept": true}', '2027-01-20Z', 'Officer', '2027-01-21Z', 'Officer');
            """);
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task It_drafts_last_year_for_each_LA_with_feedback_and_leaves_a_published_summary_alone()
    {
        var summaries = new FeedbackSummaries(db.DataSource);
        var job = new DraftFeedbackSummariesJob(summaries, new FixedClock(FirstOfFebruary), NullLogger<DraftFeedbackSummariesJob>.Instance);
        await job.Execute(null!);

        await using var connection = await db.DataSource.OpenConnectionAsync();
        var rows = (await connection.QueryAsync<(string La, int Year, string Status, string DraftedBy)>(
            "SELECT local_authority, year, status, drafted_by FROM feedback_summaries ORDER BY local_authority")).ToList();
        Assert.Equal(new[] { ("E08000003", 2026, "draft", "Yearly summary job"), ("E08000010", 2026, "published", "Officer") }, rows);

        var manchester = FeedbackSummaries.Read((await summaries.FindAsync("E08000003", 2026, publishedOnly: false, CancellationToken.None))!);
        Assert.Equal("fewer than 5", manchester.CommentsReceived);
        var travel = Assert.Single(manchester.Themes);
        Assert.Equal("Travel", travel.Theme);
        Assert.Equal(new[] { new SummaryEntry("Travel said", "Travel did", "Travel next") }, travel.Entries);
        Assert.Equal("fewer than 5", manchester.RoutedOut);
        Assert.Equal("0", manchester.ByRespondent.Single(r => r.Code == "other").Comments);
        Assert.Null(await summaries.FindAsync("E08000003", 2026, publishedOnly: true, CancellationToken.None));
        Assert.Equal("{\"kept\": true}", await connection.ExecuteScalarAsync<string>("SELECT content::text FROM feedback_summaries WHERE local_authority = 'E08000010'"));

        // Running again redrafts (the same content), never adds a second row.
        await job.Execute(null!);
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM feedback_summaries"));
    }

    [Fact]
    public void Counts_from_1_to_4_are_never_shown()
    {
        Assert.Equal(new[] { "0", "fewer than 5", "fewer than 5", "5", "1,234" }, new[] { 0, 1, 4, 5, 1234 }.Select(FeedbackSummaries.Count));
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

/// <summary>The running service scheduled the job in its clustered Quartz store.</summary>
[Collection(SystemCollection.Name)]
public sealed class Scheduling_the_yearly_draft(MarketplaceSystem system)
{
    [Fact]
    public async Task The_trigger_is_in_the_clustered_store_with_its_yearly_cron()
    {
        await using var connection = new NpgsqlConnection(system.ConnectionString("commissioning"));
        var cron = await connection.ExecuteScalarAsync<string>(
            "SELECT cron_expression FROM qrtz_cron_triggers WHERE trigger_name = @name AND sched_name = 'commissioning'", new { name = DraftFeedbackSummariesJob.Name });
        Assert.Equal(DraftFeedbackSummariesJob.DefaultCron, cron);
        // Only a clustered scheduler checks in to the scheduler state table.
        Assert.True(await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM qrtz_scheduler_state WHERE sched_name = 'commissioning'") > 0);
    }
}
