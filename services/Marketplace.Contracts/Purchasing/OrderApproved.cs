namespace Marketplace.Contracts.Purchasing;

/// <summary>A local authority officer approved a budget purchase at or above its threshold; the provider may now accept it.</summary>
public sealed record OrderApproved(
    Guid OrderId,
    Guid ProviderId,
    string? LocalAuthority,
    long AmountPence,
    DateTimeOffset ApprovedAt);
