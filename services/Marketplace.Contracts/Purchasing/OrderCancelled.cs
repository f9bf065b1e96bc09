namespace Marketplace.Contracts.Purchasing;

/// <summary>The buyer cancelled the order before delivery; any committed budget money was released.</summary>
public sealed record OrderCancelled(
    Guid OrderId,
    Guid ProviderId,
    string? LocalAuthority,
    long AmountPence,
    string Reason,
    DateTimeOffset CancelledAt);
