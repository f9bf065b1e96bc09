namespace Marketplace.Contracts.Onboarding;

/// <summary>
/// The local authority approved a provider after vetting. <paramref name="StatusVersion"/> increases with
/// every change of the provider's status, so consumers can ignore a status event that arrives late.
/// </summary>
public sealed record ProviderApproved(
    Guid ProviderId,
    string Name,
    string Sector,
    IReadOnlyList<string> AreasServed,
    int StatusVersion,
    DateTimeOffset ApprovedAt);
