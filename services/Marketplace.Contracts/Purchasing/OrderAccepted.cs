namespace Marketplace.Contracts.Purchasing;

/// <summary>The provider took the order. <paramref name="PlacedAt"/> lets consumers measure the time to acceptance.</summary>
public sealed record OrderAccepted(
    Guid OrderId,
    Guid OfferId,
    Guid ProviderId,
    string? LocalAuthority,
    DateTimeOffset PlacedAt,
    DateTimeOffset AcceptedAt);
