namespace Marketplace.Contracts.Onboarding;

/// <summary>An offer left the public Local Offer. <paramref name="Version"/> is the offer version withdrawn.</summary>
public sealed record OfferWithdrawn(
    Guid OfferId,
    Guid ProviderId,
    int Version,
    string Reason,
    DateTimeOffset WithdrawnAt);
