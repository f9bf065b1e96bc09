using Marketplace.Testing;

namespace Marketplace.Purchasing.Tests;

[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<MarketplaceSystem>
{
    public const string Name = "purchasing system";
}
