namespace Marketplace.Contracts.Onboarding;

/// <summary>Everything the public, buyers and commissioners may know about one version of an offer.</summary>
public sealed record OfferSnapshot(
    string Name,
    string Description,
    string ProviderName,
    string ServiceType,
    IReadOnlyList<string> Needs,
    string ProvisionArea,
    string Tier,
    int MinAge,
    int MaxAge,
    IReadOnlyList<string> AreasServed,
    IReadOnlyList<string> DeliveryModes,
    string Eligibility,
    string HowToAccess,
    IReadOnlyList<CostOption> CostOptions,
    int? Places,
    int? TypicalWaitWeeks,
    bool BudgetEligible,
    bool SchoolsCanBuy,
    string? ContactEmail,
    string? ContactPhone,
    IReadOnlyList<OfferLocation> Locations);
