using Marketplace.Testing;

namespace Marketplace.Onboarding.Tests;

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<MarketplaceSystem>
{
    public const string Name = "onboarding system";
}
