namespace Marketplace.Contracts.Onboarding;

/// <summary>A price in pence for a unit of service: per session, per package, or free (amount 0).</summary>
public sealed record CostOption(string Label, long AmountPence, string Unit);
