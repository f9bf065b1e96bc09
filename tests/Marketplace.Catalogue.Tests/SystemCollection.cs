using Marketplace.Testing;

namespace Marketplace.Catalogue.Tests;

/// <summary>Every test here shares one running marketplace (xunit needs the definition in the test assembly).</summary>
[CollectionDefinition(Name)]
public sealed class SystemCollection : ICollectionFixture<MarketplaceSystem>
{
    public const string Name = "catalogue system";
}
