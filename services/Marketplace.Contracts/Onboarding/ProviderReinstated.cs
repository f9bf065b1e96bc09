namespace Marketplace.Contracts.Onboarding;

/// <summary>A suspended provider may trade again: its published offers return to the catalogue.</summary>
public sealed record ProviderReinstated(
    Guid ProviderId,
    string Reason,
    int StatusVersion,
    DateTimeOffset ReinstatedAt);
