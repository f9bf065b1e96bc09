using Marketplace.ServiceDefaults.Taxonomy;

namespace Marketplace.Gateway.Reference;

/// <summary>
/// The codes offers are described with (see the domain rules in the design brief), each with the plain English
/// a family reads. The values are what the services store and filter on.
/// </summary>
public static class Taxonomy
{
    // One vocabulary for the whole marketplace: the same codes the services validate and store.
    public static readonly IReadOnlyList<Option> Needs = From(SendTaxonomy.Needs);
    public static readonly IReadOnlyList<Option> ProvisionAreas = From(SendTaxonomy.ProvisionAreas);
    public static readonly IReadOnlyList<Option> Tiers = From(SendTaxonomy.Tiers);
    public static readonly IReadOnlyList<Option> DeliveryModes = From(SendTaxonomy.DeliveryModes);
    public static readonly IReadOnlyList<Option> CostUnits = From(SendTaxonomy.CostUnits);
    public static readonly IReadOnlyList<Option> ServiceTypes = From(SendTaxonomy.ServiceTypes);

    private static IReadOnlyList<Option> From(IReadOnlyDictionary<string, string> codes) => [.. codes.Select(c => new Option(c.Key, c.Value))];

    /// <summary>How each role is named to the person holding it.</summary>
    public static readonly IReadOnlyList<Option> Roles =
    [
        new("family", "Parent or carer"),
        new("young-person", "Young person"),
        new("school", "School"),
        new("provider", "Provider"),
        new("la-officer", "Local authority officer"),
        new("commissioner", "Commissioner"),
    ];
}
