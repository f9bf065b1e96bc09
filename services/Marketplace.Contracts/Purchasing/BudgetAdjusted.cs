namespace Marketplace.Contracts.Purchasing;

/// <summary>
/// A local authority officer topped up (positive) or reduced (negative) one component of a personal budget, with a
/// reason. A new ledger entry, never an edit of the allocation.
/// </summary>
public sealed record BudgetAdjusted(
    Guid BudgetId,
    string LocalAuthority,
    string Component,
    long AmountPence,
    string Reason,
    DateTimeOffset AdjustedAt);
