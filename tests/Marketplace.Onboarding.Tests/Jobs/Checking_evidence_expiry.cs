using Dapper;
using Marketplace.Onboarding.Features.Providers;
using Marketplace.Onboarding.Jobs;
using Marketplace.Testing;

namespace Marketplace.Onboarding.Tests.Jobs;

/// <summary>The scheduled check against a real database, with the clock under the test's control.</summary>
public sealed class Checking_evidence_expiry : IAsyncLifetime
{
    private static readonly DateTimeOffset Today = new(2027, 3, 1, 2, 0, 0, TimeSpan.Zero);
    private readonly TestDatabase db = new(typeof(EvidenceExpiryCheck).Assembly);
    private readonly Guid providerId = Guid.NewGuid();

    public async Task InitializeAsync()
    {
        await db.InitializeAsync();
        await db.Runner().StartAsync(CancellationToken.None);
        await using var connection = await db.DataSource.OpenConnectionAsync();
        await connection.ExecuteAsync(
            """
            INSERT INTO providers (id, name, sector, status, home_local_authority, areas_served, status_version)
            VALUES (@providerId, 'Lapsing Therapies', 'private', 'approved', 'E08000003', '{E08000003}', 3);
            INSERT INTO evidence (id, provider_id, kind, expires_on) VALUES
                (gen_random_uuid(), @providerId, 'public-liability-insurance', @insurance),
                (gen_random_uuid(), @providerId, 'safeguarding-policy', @policy);
            """, new { providerId, insurance = new DateOnly(2027, 3, 10), policy = new DateOnly(2028, 1, 1) });
    }

    public Task DisposeAsync() => db.DisposeAsync();

    [Fact]
    public async Task Warns_at_30_and_7_days_once_each_then_suspends_with_an_audited_event_when_it_lapses()
    {
        var check = new EvidenceExpiryCheck(db.DataSource);

        // 9 days left: the 30-day warning, once however often the check runs.
        AssertOutcome(await check.RunAsync(Today, Actor.Scheduler, CancellationToken.None), 1);
        AssertOutcome(await check.RunAsync(Today.AddHours(5), Actor.Scheduler, CancellationToken.None), 0);

        // 6 days left: the 7-day warning.
        AssertOutcome(await check.RunAsync(Today.AddDays(3), Actor.Scheduler, CancellationToken.None), 1);
        Assert.Equal("approved", await ScalarAsync<string>("SELECT status FROM providers WHERE id = @providerId"));

        // The day after it expires: suspended, with the reason, the audit entry and the event, in one go.
        var lapsed = await check.RunAsync(Today.AddDays(10), Actor.Scheduler, CancellationToken.None);
        Assert.Equal([providerId], lapsed.Suspended);
        Assert.Equal("suspended", await ScalarAsync<string>("SELECT status FROM providers WHERE id = @providerId"));
        Assert.Equal(4, await ScalarAsync<int>("SELECT status_version FROM providers WHERE id = @providerId"));
        var audit = await ScalarAsync<string>("SELECT actor_role || ':' || action || ':' || reason FROM audit_trail WHERE provider_id = @providerId");
        Assert.Equal("system:suspended:Suspended automatically: public liability insurance expired.", audit);
        var suspended = await ScalarAsync<string>(
            "SELECT (body ->> 'providerId') || '/' || (body ->> 'statusVersion') FROM outbox_messages WHERE message_type = 'Marketplace.Contracts.Onboarding.ProviderSuspended'");
        Assert.Equal($"{providerId}/4", suspended);
        Assert.Equal(3, await ScalarAsync<int>("SELECT count(*) FROM notices WHERE provider_id = @providerId"));

        // Running again changes nothing.
        Assert.Empty((await check.RunAsync(Today.AddDays(10), Actor.Scheduler, CancellationToken.None)).Suspended);
        Assert.Equal(1, await ScalarAsync<int>("SELECT count(*) FROM outbox_messages"));
    }

    [Fact]
    public async Task Leaves_a_provider_whose_evidence_is_in_date_alone()
    {
        var check = new EvidenceExpiryCheck(db.DataSource);
        var result = await check.RunAsync(Today.AddDays(-60), Actor.Scheduler, CancellationToken.None);
        Assert.Empty(result.Suspended);
        Assert.Equal(0, result.Warnings);
        Assert.Equal(0, await ScalarAsync<int>("SELECT count(*) FROM outbox_messages"));
    }

    private static void AssertOutcome(ExpiryCheckResult result, int warnings)
    {
        Assert.Empty(result.Suspended);
        Assert.Equal(warnings, result.Warnings);
    }

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = await db.DataSource.OpenConnectionAsync();
        return (await connection.ExecuteScalarAsync<T>(sql, new { providerId }))!;
    }
}
