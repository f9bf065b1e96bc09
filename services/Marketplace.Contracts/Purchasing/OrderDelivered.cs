namespace Marketplace.Contracts.Purchasing;

/// <summary>The provider recorded delivery. The order's money stays committed until the provider invoices it (<see cref="InvoiceIssued"/>).</summary>
public sealed record OrderDelivered(
    Guid OrderId,
    Guid OfferId,
    Guid ProviderId,
    string? LocalAuthority,
    string Funding,
    long AmountPence,
    DateTimeOffset DeliveredAt);
