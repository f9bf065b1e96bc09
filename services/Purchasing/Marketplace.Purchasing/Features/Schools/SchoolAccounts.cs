using Dapper;
using Marketplace.Purchasing.Features.Orders;
using Marketplace.Purchasing.Features.Shared;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Security;
using Npgsql;

namespace Marketplace.Purchasing.Features.Schools;

/// <summary>
/// Sets up or changes a school's account: its name, an optional annual cap in pence (null: no cap), and the email
/// addresses of the staff who may order on it.
/// </summary>
public sealed record SchoolAccountRequest(string? Name, long? AnnualCapPence, IReadOnlyList<string>? StaffEmails);

public sealed class SchoolAccountRow
{
    public string Urn { get; set; } = "";
    public string LocalAuthority { get; set; } = "";
    public string Name { get; set; } = "";
    public long? AnnualCapPence { get; set; }
}

public sealed class SchoolYearRow
{
    public DateOnly YearStart { get; set; }
    public long? CapPence { get; set; }
    public long CommittedPence { get; set; }
    public long SpentPence { get; set; }
}

/// <summary>A school's account as its staff and its LA's officers see it: this financial year's spending against the cap.</summary>
public sealed record SchoolAccountView(
    string Urn,
    string LocalAuthority,
    string Name,
    long? AnnualCapPence,
    DateOnly YearStart,
    long CommittedPence,
    long SpentPence,
    long? RemainingPence,
    IReadOnlyList<string> StaffEmails);

/// <summary>
/// School accounts. A school (by URN, in its LA) buys with a purchase order number; its staff who may order are listed
/// by email; an optional annual cap (financial year from 1 April) is held like a budget: orders commit with a conditional
/// UPDATE of the year's row in the placing transaction, and the row's CHECK backs it up, whatever the concurrency.
/// The account is managed by its own staff (the school's token names its URN) or by an officer of its LA.
/// </summary>
public static class SchoolAccounts
{
    public const int MaxStaff = 200;

    /// <summary>The first day of the financial year (1 April) that <paramref name="day"/> falls in.</summary>
    public static DateOnly YearStart(DateOnly day) => new(day.Month >= 4 ? day.Year : day.Year - 1, 4, 1);

    public static ValidationErrors Validate(SchoolAccountRequest r)
    {
        var errors = new ValidationErrors();
        errors.Require(!string.IsNullOrWhiteSpace(r.Name) && r.Name.Length <= 200, "name", "Enter the school's name (up to 200 characters).");
        errors.Require(r.AnnualCapPence is null or >= 0, "annualCapPence", "Enter the annual cap in pence, zero or more, or leave it out for no cap.");
        var staff = r.StaffEmails ?? [];
        errors.Require(staff.Count is > 0 and <= MaxStaff, "staffEmails", $"List between 1 and {MaxStaff} staff who may order, by email address.");
        for (var i = 0; i < staff.Count; i++)
        {
            errors.Require(staff[i] is { Length: > 2 and <= 254 } e && e.Contains('@') && !e.Any(char.IsWhiteSpace), $"staffEmails[{i}]",
                "Enter an email address, like name@school.example.");
        }

        return errors;
    }

    /// <summary>School staff act for their own URN; an officer acts for the schools of their LA.</summary>
    private static bool MayManage(Caller caller, string urn, string? accountLocalAuthority) =>
        (caller.Is(MarketplaceRoles.School) && caller.OrganisationId == urn)
        || (accountLocalAuthority is not null ? caller.IsOfficerOf(accountLocalAuthority) : caller.Is(MarketplaceRoles.LaOfficer) && caller.LocalAuthority is not null);

    public static async Task<Answer> GetAsync(NpgsqlDataSource db, Caller caller, string urn, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        var view = await ViewAsync(connection, null, urn, now, ct);
        if (view is null || !MayManage(caller, urn, view.LocalAuthority))
        {
            return Answer.Problem(StatusCodes.Status404NotFound, "no-school-account", "There is no account for this school",
                "This school has no account for buying on the Local Offer yet, or your account cannot see it. The school business manager can set one up.");
        }

        return Answer.Ok(view);
    }

    public static async Task<Answer> SetUpAsync(NpgsqlDataSource db, Caller caller, string urn, SchoolAccountRequest r, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var account = await connection.QuerySingleOrDefaultAsync<SchoolAccountRow>(new CommandDefinition(
            "SELECT urn, local_authority, name, annual_cap_pence FROM school_accounts WHERE urn = @urn FOR UPDATE", new { urn }, transaction, cancellationToken: ct));
        if (!MayManage(caller, urn, account?.LocalAuthority) || (account is null && caller.LocalAuthority is null))
        {
            return Answer.Problem(StatusCodes.Status403Forbidden, "not-your-school", "You cannot manage this school's account",
                "Only the school's own staff, or an officer of its local authority, can set up or change its account.");
        }

        var staff = r.StaffEmails!.Select(e => e.Trim().ToLowerInvariant()).Distinct().ToList();
        if (caller.Is(MarketplaceRoles.School) && (caller.Email is null || !staff.Contains(caller.Email.ToLowerInvariant())))
        {
            return Answer.Problem(StatusCodes.Status409Conflict, "cannot-remove-yourself", "You cannot take yourself off the list",
                "Keep your own email address in the list of staff who may order; another member of staff or the local authority can remove you.");
        }

        var yearStart = YearStart(DateOnly.FromDateTime(now.UtcDateTime));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO school_accounts (urn, local_authority, name, annual_cap_pence, updated_by, updated_at)
            VALUES (@urn, @la, @name, @AnnualCapPence, @UserId, @now)
            ON CONFLICT (urn) DO UPDATE SET name = EXCLUDED.name, annual_cap_pence = EXCLUDED.annual_cap_pence,
                updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at;
            INSERT INTO school_account_years (urn, year_start, cap_pence) VALUES (@urn, @yearStart, @AnnualCapPence) ON CONFLICT DO NOTHING;
            """, new { urn, la = account?.LocalAuthority ?? caller.LocalAuthority, name = r.Name!.Trim(), r.AnnualCapPence, caller.UserId, now, yearStart },
            transaction, cancellationToken: ct));
        // A cap below what this year already has in orders is refused (the CHECK would refuse it too).
        var capped = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE school_account_years SET cap_pence = @AnnualCapPence
            WHERE urn = @urn AND year_start = @yearStart AND (@AnnualCapPence::bigint IS NULL OR committed_pence + spent_pence <= @AnnualCapPence)
            """, new { urn, yearStart, r.AnnualCapPence }, transaction, cancellationToken: ct));
        if (capped == 0)
        {
            var used = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "SELECT committed_pence + spent_pence FROM school_account_years WHERE urn = @urn AND year_start = @yearStart",
                new { urn, yearStart }, transaction, cancellationToken: ct));
            return Answer.Problem(StatusCodes.Status409Conflict, "cap-below-spending", "The cap is lower than this year's orders",
                $"Your school has already ordered {OrderPlacement.Money(used)} this financial year, so the annual cap cannot be less than that.");
        }

        await connection.ExecuteAsync(new CommandDefinition(
            """
            DELETE FROM school_staff WHERE urn = @urn AND NOT (email = ANY(@staff));
            INSERT INTO school_staff (urn, email, added_by, added_at) SELECT @urn, e, @UserId, @now FROM unnest(@staff) AS e ON CONFLICT DO NOTHING;
            """, new { urn, staff = staff.ToArray(), caller.UserId, now }, transaction, cancellationToken: ct));
        var view = await ViewAsync(connection, transaction, urn, now, ct) ?? throw new InvalidOperationException();
        await transaction.CommitAsync(ct);
        return Answer.Ok(view);
    }

    internal static async Task<SchoolAccountView?> ViewAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string urn, DateTimeOffset now, CancellationToken ct)
    {
        var account = await connection.QuerySingleOrDefaultAsync<SchoolAccountRow>(new CommandDefinition(
            "SELECT urn, local_authority, name, annual_cap_pence FROM school_accounts WHERE urn = @urn", new { urn }, transaction, cancellationToken: ct));
        if (account is null)
        {
            return null;
        }

        var yearStart = YearStart(DateOnly.FromDateTime(now.UtcDateTime));
        var year = await connection.QuerySingleOrDefaultAsync<SchoolYearRow>(new CommandDefinition(
            "SELECT year_start, cap_pence, committed_pence, spent_pence FROM school_account_years WHERE urn = @urn AND year_start = @yearStart",
            new { urn, yearStart }, transaction, cancellationToken: ct)) ?? new SchoolYearRow { YearStart = yearStart, CapPence = account.AnnualCapPence };
        var staff = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT email FROM school_staff WHERE urn = @urn ORDER BY email", new { urn }, transaction, cancellationToken: ct));
        return new SchoolAccountView(account.Urn, account.LocalAuthority, account.Name, year.CapPence, year.YearStart, year.CommittedPence, year.SpentPence,
            year.CapPence - year.CommittedPence - year.SpentPence, staff.ToList());
    }

    /// <summary>
    /// Takes <paramref name="order"/>'s amount from its school's account for this financial year, in the placing
    /// transaction: a conditional UPDATE that fails when the cap would be passed. Returns a refusal, or null when committed.
    /// </summary>
    internal static async Task<Answer?> CommitAsync(NpgsqlTransaction transaction, Caller caller, OrderRow order, DateTimeOffset now, CancellationToken ct)
    {
        var connection = transaction.Connection!;
        var urn = caller.OrganisationId ?? "";
        var account = await connection.QuerySingleOrDefaultAsync<SchoolAccountRow>(new CommandDefinition(
            "SELECT urn, local_authority, name, annual_cap_pence FROM school_accounts WHERE urn = @urn", new { urn }, transaction, cancellationToken: ct));
        if (account is null)
        {
            return Answer.Problem(StatusCodes.Status409Conflict, "no-school-account", "Your school has no account for buying yet",
                "Your school needs an account on the Local Offer before it can order. The school business manager can set one up under 'School account'.");
        }

        var isStaff = caller.Email is not null && await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT EXISTS (SELECT 1 FROM school_staff WHERE urn = @urn AND email = lower(@Email))", new { urn, caller.Email }, transaction, cancellationToken: ct));
        if (!isStaff)
        {
            return Answer.Problem(StatusCodes.Status403Forbidden, "not-school-staff", "You are not on your school's list of staff who may order",
                "Ask your school business manager to add your email address to the school's account, then order again.");
        }

        var yearStart = YearStart(DateOnly.FromDateTime(now.UtcDateTime));
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO school_account_years (urn, year_start, cap_pence) VALUES (@urn, @yearStart, @AnnualCapPence) ON CONFLICT DO NOTHING",
            new { urn, yearStart, account.AnnualCapPence }, transaction, cancellationToken: ct));
        var remaining = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            """
            UPDATE school_account_years SET committed_pence = committed_pence + @AmountPence
            WHERE urn = @urn AND year_start = @yearStart AND (cap_pence IS NULL OR committed_pence + spent_pence + @AmountPence <= cap_pence)
            RETURNING coalesce(cap_pence - committed_pence - spent_pence, -1)
            """, new { urn, yearStart, order.AmountPence }, transaction, cancellationToken: ct));
        if (remaining is null)
        {
            var year = await connection.QuerySingleAsync<SchoolYearRow>(new CommandDefinition(
                "SELECT year_start, cap_pence, committed_pence, spent_pence FROM school_account_years WHERE urn = @urn AND year_start = @yearStart",
                new { urn, yearStart }, transaction, cancellationToken: ct));
            var left = Math.Max(0, (year.CapPence ?? 0) - year.CommittedPence - year.SpentPence);
            return Answer.Problem(StatusCodes.Status409Conflict, "school-cap-reached", "This order would take your school over its annual cap",
                $"This order costs {OrderPlacement.Money(order.AmountPence)}. Your school's cap for buying on the Local Offer is {OrderPlacement.Money(year.CapPence ?? 0)} "
                + $"for the year from {yearStart:d MMMM yyyy}, and {OrderPlacement.Money(left)} of it is left. Nothing was ordered. "
                + "Your school business manager can raise the cap, or you can order less.");
        }

        order.LocalAuthority = account.LocalAuthority;
        order.SchoolYearStart = yearStart;
        return null;
    }
}
