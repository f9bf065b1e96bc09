namespace Marketplace.ServiceDefaults.Demo;

/// <summary>
/// The demo region seeded by <c>./marketplace up</c> (never in production configuration): the North West's
/// local authorities as published in the DfE statistics (ONS codes), and the well-known ids that the demo
/// sign-ins and the demo provider share across services.
/// </summary>
public static class DemoRegion
{
    public const string SeedSetting = "Marketplace:SeedDemo";
    public const string PasswordVariable = "MARKETPLACE_DEMO_PASSWORD";
    public const string EmailDomain = "demo.localoffer.test";

    /// <summary>The LA the demo family, school, officer and commissioner belong to (Manchester).</summary>
    public const string HomeLocalAuthority = "E08000003";

    /// <summary>The provider organisation that <c>provider@demo.localoffer.test</c> acts for.</summary>
    public static readonly Guid DemoProviderId = Guid.Parse("0193a000-0000-7000-8000-000000000001");

    /// <summary>A second provider (<c>provider2@demo.localoffer.test</c>), to show one provider cannot touch another's records.</summary>
    public static readonly Guid SecondProviderId = Guid.Parse("0193a000-0000-7000-8000-000000000002");

    public static readonly IReadOnlyList<(string Code, string Name)> LocalAuthorities =
    [
        ("E08000011", "Knowsley"), ("E08000012", "Liverpool"), ("E08000013", "St. Helens"), ("E08000014", "Sefton"),
        ("E08000015", "Wirral"), ("E08000001", "Bolton"), ("E08000002", "Bury"), ("E08000003", "Manchester"),
        ("E08000004", "Oldham"), ("E08000005", "Rochdale"), ("E08000006", "Salford"), ("E08000007", "Stockport"),
        ("E08000008", "Tameside"), ("E08000009", "Trafford"), ("E08000010", "Wigan"), ("E06000006", "Halton"),
        ("E06000007", "Warrington"), ("E10000017", "Lancashire"), ("E06000008", "Blackburn with Darwen"),
        ("E06000009", "Blackpool"), ("E06000049", "Cheshire East"), ("E06000050", "Cheshire West and Chester"),
        ("E06000063", "Cumberland"), ("E06000064", "Westmorland and Furness"),
    ];

    public static bool IsEnabled(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        string.Equals(configuration[SeedSetting], "true", StringComparison.OrdinalIgnoreCase);
}
