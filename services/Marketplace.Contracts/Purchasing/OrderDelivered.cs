namespace Marketplace.Contracts.Purchasing;

/// <summary>The provider recorded delivery; a budget order's committed money became spent.</summary>
public sealed record OrderDelivered(
    Guid OrderId,
    Guid OfferId,
    Guid ProviderId,
    string? LocalAuthority,
    string Funding,
    long AmountPence,
    DateTimeOffset DeliveredAt);
