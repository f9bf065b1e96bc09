namespace Marketplace.Contracts.Purchasing;

/// <summary>
/// A school or a budget holder placed an order. <paramref name="Status"/> is <c>placed</c>, or
/// <c>awaiting-approval</c> when a budget purchase is at or above its component's approval threshold.
/// <paramref name="Funding"/> is <c>budget</c> (with <paramref name="Component"/> and <paramref name="DeliveryMode"/>)
/// or <c>school-account</c>. No personal data: who the order is for stays in purchasing.
/// </summary>
public sealed record OrderPlaced(
    Guid OrderId,
    Guid OfferId,
    int OfferVersion,
    Guid ProviderId,
    string ServiceType,
    string BuyerType,
    string Funding,
    string? Component,
    string? DeliveryMode,
    string? LocalAuthority,
    int Quantity,
    long AmountPence,
    string Status,
    DateTimeOffset PlacedAt);
