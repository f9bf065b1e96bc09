namespace Marketplace.Identity.Users;

/// <summary>A person who signs in, with the one role they hold and the organisation they act for.</summary>
public sealed class MarketplaceUser
{
    public Guid Id { get; set; }
    public string Email { get; set; } = "";
    public string NormalizedEmail { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string? PasswordHash { get; set; }
    public string SecurityStamp { get; set; } = "";
    public string ConcurrencyStamp { get; set; } = "";
    public bool LockoutEnabled { get; set; } = true;
    public DateTimeOffset? LockoutEnd { get; set; }
    public int AccessFailedCount { get; set; }
    public string Role { get; set; } = "";
    public string? OrganisationType { get; set; }
    public string? OrganisationId { get; set; }
    public string? LocalAuthority { get; set; }
}
