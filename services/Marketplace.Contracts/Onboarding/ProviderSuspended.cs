namespace Marketplace.Contracts.Onboarding;

/// <summary>
/// A provider may no longer trade: its offers leave the catalogue and its open orders are flagged.
/// Raised by an LA officer or by the scheduled evidence-expiry check, always with a reason.
/// </summary>
public sealed record ProviderSuspended(
    Guid ProviderId,
    string Reason,
    int StatusVersion,
    DateTimeOffset SuspendedAt);
