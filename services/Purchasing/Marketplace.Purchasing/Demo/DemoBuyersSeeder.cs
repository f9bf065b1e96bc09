using Dapper;
using Marketplace.Purchasing.Features.Budgets;
using Marketplace.ServiceDefaults.Demo;
using Npgsql;

namespace Marketplace.Purchasing.Demo;

/// <summary>
/// When demo seeding is on, gives the demo family (a parent) and the demo young person a personal budget for this
/// financial year in the demo LA, and the demo school (its URN is the school sign-in's organisation) an account with
/// an annual cap that the school sign-in may order on. The holders are named by email (purchasing never sees identity's user ids), so the
/// token's <c>email</c> claim identifies them. Fixed ids: seeding twice changes nothing.
/// </summary>
public sealed class DemoBuyersSeeder(NpgsqlDataSource dataSource, IConfiguration configuration, TimeProvider clock) : IHostedService
{
    public static readonly Guid FamilyBudgetId = Guid.Parse("0193b000-0000-7000-8000-000000000001");
    public static readonly Guid YoungPersonBudgetId = Guid.Parse("0193b000-0000-7000-8000-000000000002");
    public const string SchoolUrn = "105432";
    public const long SchoolAnnualCapPence = 2_000_000;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!DemoRegion.IsEnabled(configuration))
        {
            return;
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var start = new DateOnly(today.Month >= 4 ? today.Year : today.Year - 1, 4, 1);
        await SeedAsync(new BudgetRow
        {
            Id = FamilyBudgetId, LocalAuthority = DemoRegion.HomeLocalAuthority, HolderEmail = $"family@{DemoRegion.EmailDomain}", HolderType = "parent",
            EhcPlanReference = "DEMO-EHC-0001", PeriodStart = start, PeriodEnd = start.AddYears(1).AddDays(-1), CreatedAt = now,
        },
        [
            new("education", 300_000, "organised", 100_000),
            new("health", 150_000, "third-party", null),
            new("social-care", 200_000, "direct-payment", 50_000),
        ], cancellationToken);
        await SeedAsync(new BudgetRow
        {
            Id = YoungPersonBudgetId, LocalAuthority = DemoRegion.HomeLocalAuthority, HolderEmail = $"youngperson@{DemoRegion.EmailDomain}", HolderType = "young-person",
            EhcPlanReference = "DEMO-EHC-0002", PeriodStart = start, PeriodEnd = start.AddYears(1).AddDays(-1), CreatedAt = now,
        },
        [
            new("education", 120_000, "direct-payment", 60_000),
            new("social-care", 180_000, "direct-payment", null),
        ], cancellationToken);
        await SeedSchoolAsync(now, cancellationToken);
    }

    private async Task SeedSchoolAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO school_accounts (urn, local_authority, name, annual_cap_pence, updated_by, updated_at)
            VALUES (@SchoolUrn, @la, 'Oakfield Primary School', @SchoolAnnualCapPence, 'demo-seed', @now) ON CONFLICT DO NOTHING;
            INSERT INTO school_staff (urn, email, added_by, added_at) VALUES (@SchoolUrn, @email, 'demo-seed', @now) ON CONFLICT DO NOTHING;
            """, new { SchoolUrn, la = DemoRegion.HomeLocalAuthority, SchoolAnnualCapPence, email = $"school@{DemoRegion.EmailDomain}", now }, cancellationToken: ct));
    }

    private async Task SeedAsync(BudgetRow budget, IReadOnlyList<BudgetComponentRequest> components, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        // Serialise replicas starting together; the check then sees any budget another one committed.
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(hashtext('purchasing-demo-budgets'))", transaction: transaction, cancellationToken: ct));
        var exists = await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM budgets WHERE id = @Id)", new { budget.Id }, transaction, cancellationToken: ct));
        if (!exists)
        {
            await BudgetAllocation.InsertAsync(transaction, budget, components, "demo-seed", ct);
        }

        await transaction.CommitAsync(ct);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
