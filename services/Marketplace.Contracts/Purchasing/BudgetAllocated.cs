namespace Marketplace.Contracts.Purchasing;

/// <summary>
/// A local authority allocated a personal budget for an EHC plan. Carries no personal data: the holder is
/// described only by type (parent or young person).
/// </summary>
public sealed record BudgetAllocated(
    Guid BudgetId,
    string LocalAuthority,
    string HolderType,
    string EhcPlanReference,
    DateOnly PeriodStart,
    DateOnly PeriodEnd,
    IReadOnlyList<BudgetComponentAllocation> Components,
    DateTimeOffset AllocatedAt);
