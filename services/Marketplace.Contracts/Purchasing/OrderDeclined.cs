namespace Marketplace.Contracts.Purchasing;

/// <summary>
/// The provider declined the order, always with a reason (<paramref name="ReasonCode"/> is <c>no-capacity</c> or
/// <c>other</c>; <paramref name="Reason"/> is the provider's words). Any committed budget money was released.
/// </summary>
public sealed record OrderDeclined(
    Guid OrderId,
    Guid OfferId,
    Guid ProviderId,
    string? LocalAuthority,
    string ReasonCode,
    string Reason,
    DateTimeOffset DeclinedAt);
