using Dapper;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Marketplace.Identity.Users;

/// <summary>
/// ASP.NET Core Identity's user store over PostgreSQL with Dapper: passwords (hashed by Identity's
/// hasher), e-mail look-up, lockout counters and security stamps. Updates check the concurrency stamp.
/// </summary>
public sealed class DapperUserStore(NpgsqlDataSource dataSource) :
    IUserPasswordStore<MarketplaceUser>,
    IUserEmailStore<MarketplaceUser>,
    IUserLockoutStore<MarketplaceUser>,
    IUserSecurityStampStore<MarketplaceUser>
{
    private const string Columns =
        "id, email, normalized_email, display_name, password_hash, security_stamp, concurrency_stamp, lockout_enabled, " +
        "lockout_end, access_failed_count, role, organisation_type, organisation_id, local_authority";

    public async Task<IdentityResult> CreateAsync(MarketplaceUser user, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var inserted = await connection.ExecuteAsync(new CommandDefinition(
            $"""
            INSERT INTO users ({Columns})
            VALUES (@Id, @Email, @NormalizedEmail, @DisplayName, @PasswordHash, @SecurityStamp, @ConcurrencyStamp, @LockoutEnabled,
                    @LockoutEnd, @AccessFailedCount, @Role, @OrganisationType, @OrganisationId, @LocalAuthority)
            ON CONFLICT (normalized_email) DO NOTHING
            """, user, cancellationToken: cancellationToken));
        return inserted == 1
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError { Code = "DuplicateEmail", Description = $"An account with {user.Email} already exists." });
    }

    public async Task<IdentityResult> UpdateAsync(MarketplaceUser user, CancellationToken cancellationToken)
    {
        var expected = user.ConcurrencyStamp;
        user.ConcurrencyStamp = Guid.NewGuid().ToString();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        var updated = await connection.ExecuteAsync(new CommandDefinition(
            """
            UPDATE users SET email = @Email, normalized_email = @NormalizedEmail, display_name = @DisplayName,
                password_hash = @PasswordHash, security_stamp = @SecurityStamp, concurrency_stamp = @ConcurrencyStamp,
                lockout_enabled = @LockoutEnabled, lockout_end = @LockoutEnd, access_failed_count = @AccessFailedCount,
                role = @Role, organisation_type = @OrganisationType, organisation_id = @OrganisationId, local_authority = @LocalAuthority
            WHERE id = @Id AND concurrency_stamp = @expected
            """,
            new
            {
                user.Id, user.Email, user.NormalizedEmail, user.DisplayName, user.PasswordHash, user.SecurityStamp, user.ConcurrencyStamp,
                user.LockoutEnabled, user.LockoutEnd, user.AccessFailedCount, user.Role, user.OrganisationType, user.OrganisationId,
                user.LocalAuthority, expected,
            }, cancellationToken: cancellationToken));
        return updated == 1 ? IdentityResult.Success : IdentityResult.Failed(new IdentityErrorDescriber().ConcurrencyFailure());
    }

    public async Task<IdentityResult> DeleteAsync(MarketplaceUser user, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM users WHERE id = @Id", new { user.Id }, cancellationToken: cancellationToken));
        return IdentityResult.Success;
    }

    public Task<MarketplaceUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        Guid.TryParse(userId, out var id) ? FindAsync("id = @id", new { id }, cancellationToken) : Task.FromResult<MarketplaceUser?>(null);

    public Task<MarketplaceUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        FindByEmailAsync(normalizedUserName, cancellationToken);

    public Task<MarketplaceUser?> FindByEmailAsync(string normalizedEmail, CancellationToken cancellationToken) =>
        FindAsync("normalized_email = @normalizedEmail", new { normalizedEmail }, cancellationToken);

    private async Task<MarketplaceUser?> FindAsync(string where, object parameters, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<MarketplaceUser>(new CommandDefinition(
            $"SELECT {Columns} FROM users WHERE {where}", parameters, cancellationToken: cancellationToken));
    }

    // The e-mail address is the user name.
    public Task<string> GetUserIdAsync(MarketplaceUser user, CancellationToken cancellationToken) => Task.FromResult(user.Id.ToString());
    public Task<string?> GetUserNameAsync(MarketplaceUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Email);
    public Task SetUserNameAsync(MarketplaceUser user, string? userName, CancellationToken cancellationToken) { user.Email = userName ?? ""; return Task.CompletedTask; }
    public Task<string?> GetNormalizedUserNameAsync(MarketplaceUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.NormalizedEmail);
    public Task SetNormalizedUserNameAsync(MarketplaceUser user, string? normalizedName, CancellationToken cancellationToken) { user.NormalizedEmail = normalizedName ?? ""; return Task.CompletedTask; }

    public Task SetPasswordHashAsync(MarketplaceUser user, string? passwordHash, CancellationToken cancellationToken) { user.PasswordHash = passwordHash; return Task.CompletedTask; }
    public Task<string?> GetPasswordHashAsync(MarketplaceUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash);
    public Task<bool> HasPasswordAsync(MarketplaceUser user, CancellationToken cancellationToken) => Task.FromResult(user.PasswordHash is not null);

    public Task SetEmailAsync(MarketplaceUser user, string? email, CancellationToken cancellationToken) { user.Email = email ?? ""; return Task.CompletedTask; }
    public Task<string?> GetEmailAsync(MarketplaceUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.Email);
    public Task<bool> GetEmailConfirmedAsync(MarketplaceUser user, CancellationToken cancellationToken) => Task.FromResult(true);
    public Task SetEmailConfirmedAsync(MarketplaceUser user, bool confirmed, CancellationToken cancellationToken) => Task.CompletedTask;
    public Task<string?> GetNormalizedEmailAsync(MarketplaceUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.NormalizedEmail);
    public Task SetNormalizedEmailAsync(MarketplaceUser user, string? normalizedEmail, CancellationToken cancellationToken) { user.NormalizedEmail = normalizedEmail ?? ""; return Task.CompletedTask; }

    public Task<DateTimeOffset?> GetLockoutEndDateAsync(MarketplaceUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnd);
    public Task SetLockoutEndDateAsync(MarketplaceUser user, DateTimeOffset? lockoutEnd, CancellationToken cancellationToken) { user.LockoutEnd = lockoutEnd; return Task.CompletedTask; }
    public Task<int> IncrementAccessFailedCountAsync(MarketplaceUser user, CancellationToken cancellationToken) => Task.FromResult(++user.AccessFailedCount);
    public Task ResetAccessFailedCountAsync(MarketplaceUser user, CancellationToken cancellationToken) { user.AccessFailedCount = 0; return Task.CompletedTask; }
    public Task<int> GetAccessFailedCountAsync(MarketplaceUser user, CancellationToken cancellationToken) => Task.FromResult(user.AccessFailedCount);
    public Task<bool> GetLockoutEnabledAsync(MarketplaceUser user, CancellationToken cancellationToken) => Task.FromResult(user.LockoutEnabled);
    public Task SetLockoutEnabledAsync(MarketplaceUser user, bool enabled, CancellationToken cancellationToken) { user.LockoutEnabled = enabled; return Task.CompletedTask; }

    public Task SetSecurityStampAsync(MarketplaceUser user, string stamp, CancellationToken cancellationToken) { user.SecurityStamp = stamp; return Task.CompletedTask; }
    public Task<string?> GetSecurityStampAsync(MarketplaceUser user, CancellationToken cancellationToken) => Task.FromResult<string?>(user.SecurityStamp);

    public void Dispose()
    {
    }
}
