namespace Marketplace.ServiceDefaults.Security;

/// <summary>The roles a user can hold, as they appear in the access token's <c>role</c> claim.</summary>
public static class MarketplaceRoles
{
    public const string Family = "family";
    public const string YoungPerson = "young-person";
    public const string School = "school";
    public const string Provider = "provider";
    public const string LaOfficer = "la-officer";
    public const string Commissioner = "commissioner";

    public static readonly IReadOnlyList<string> All = [Family, YoungPerson, School, Provider, LaOfficer, Commissioner];
}

/// <summary>Claim names in the marketplace's access tokens.</summary>
public static class MarketplaceClaims
{
    public const string Subject = "sub";
    public const string Email = "email";
    public const string Name = "name";
    public const string Role = "role";
    /// <summary>What kind of organisation the user acts for: school, provider, la or household.</summary>
    public const string OrganisationType = "org_type";
    /// <summary>The organisation the user acts for: a provider id, a school URN or an LA code.</summary>
    public const string OrganisationId = "org_id";
    /// <summary>The ONS code of the local authority the user belongs to.</summary>
    public const string LocalAuthority = "la";

    public const string Audience = "marketplace-api";
}
