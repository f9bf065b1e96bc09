namespace Marketplace.Contracts.Purchasing;

/// <summary>
/// The provider invoiced a delivered order; the invoice's total became spend. <paramref name="TotalPence"/> is what the
/// buyer pays (VAT included when charged; <paramref name="VatPence"/> is the VAT in it) and is never more than the
/// order's amount; <paramref name="ReleasedPence"/> is the part of the order's amount the invoice did not use, given back.
/// <paramref name="VatStatus"/> is <c>standard-rated</c>, <c>zero-rated</c>, <c>exempt</c> or <c>not-registered</c>.
/// <paramref name="Funding"/> is <c>budget</c> (with <paramref name="Component"/>) or <c>school-account</c>.
/// The invoice's lines stay in purchasing: they are the provider's free text and could name a child.
/// </summary>
public sealed record InvoiceIssued(
    Guid InvoiceId,
    Guid OrderId,
    Guid OfferId,
    Guid ProviderId,
    string? LocalAuthority,
    string Funding,
    string? Component,
    string InvoiceNumber,
    string VatStatus,
    long TotalPence,
    long VatPence,
    long ReleasedPence,
    DateOnly IssuedOn,
    DateOnly DueOn,
    DateTimeOffset IssuedAt);
