namespace Marketplace.Contracts.Purchasing;

/// <summary>
/// The payer recorded an invoice as paid: the school for a school account, the holder for a direct payment, or an
/// officer of the local authority for an organised or third-party arrangement. No money moves in the ledger (the
/// invoice's total was spent when it was issued); the order is closed.
/// </summary>
public sealed record InvoicePaid(
    Guid InvoiceId,
    Guid OrderId,
    Guid ProviderId,
    string? LocalAuthority,
    string Funding,
    long TotalPence,
    DateOnly PaidOn,
    DateTimeOffset PaidAt);
