namespace Marketplace.Contracts.Catalogue;

/// <summary>
/// Someone searched the public Local Offer: the demand signal commissioning counts (searches for a need and age
/// in an area that found nothing or nearly nothing). Carries the filters and the result count only: never the
/// words typed (they may name a child), a postcode, an address, a user or a session.
/// <paramref name="Need"/> is a DfE primary need code, <paramref name="LocalAuthority"/> an ONS code (the area chosen,
/// or the local authority of the postcode searched from; never the postcode itself);
/// <paramref name="Page"/> lets a consumer count each search once (page 1) rather than each page viewed.
/// </summary>
public sealed record SearchPerformed(
    Guid SearchId,
    string? Need,
    int? Age,
    string? LocalAuthority,
    string? Tier,
    string? ProvisionArea,
    string? ServiceType,
    string? DeliveryMode,
    bool BudgetEligibleOnly,
    bool FreeOnly,
    bool HadWords,
    int Page,
    int ResultCount,
    DateTimeOffset PerformedAt);
