namespace Marketplace.Contracts.Onboarding;

/// <summary>
/// A provider user registered an organisation. Identity links the user to it, so the user's next token
/// says they act for this provider.
/// </summary>
public sealed record ProviderRegistered(
    Guid ProviderId,
    string Name,
    string OwnerUserId,
    DateTimeOffset RegisteredAt);
