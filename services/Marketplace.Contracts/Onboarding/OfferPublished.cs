namespace Marketplace.Contracts.Onboarding;

/// <summary>
/// An offer became visible to the public, or a new version of a published offer replaced the old one.
/// Carries the full snapshot so that read models never need to call onboarding back.
/// Consumers must ignore a version lower than the one they already hold.
/// </summary>
public sealed record OfferPublished(
    Guid OfferId,
    Guid ProviderId,
    int Version,
    OfferSnapshot Offer,
    DateTimeOffset PublishedAt);
