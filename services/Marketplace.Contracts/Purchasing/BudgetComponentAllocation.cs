namespace Marketplace.Contracts.Purchasing;

/// <summary>One component of a personal budget (education, health or social-care) as allocated, in pence.</summary>
public sealed record BudgetComponentAllocation(
    string Component,
    string DeliveryMode,
    long AmountPence,
    long? ApprovalThresholdPence);
