namespace Marketplace.Contracts.Purchasing;

/// <summary>A local authority officer refused a budget purchase awaiting approval, with a reason the family can challenge; the money was released.</summary>
public sealed record OrderRefused(
    Guid OrderId,
    Guid ProviderId,
    string? LocalAuthority,
    long AmountPence,
    string Reason,
    DateTimeOffset RefusedAt);
