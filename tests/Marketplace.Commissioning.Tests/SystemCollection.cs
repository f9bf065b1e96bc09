using Marketplace.Testing;

namespace Marketplace.Commissioning.Tests;

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<MarketplaceSystem>
{
    public const string Name = "commissioning system";
}
