using Marketplace.Catalogue.Features.Search;
using Marketplace.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Marketplace.Catalogue.Tests.Features.Search;

/// <summary>
/// After the catalogue changes, the warmer computes the searches visitors asked before, at the new generation: the
/// next visitor asking one finds its every statement ready, and the answer counts the change.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class Warming_the_search_cache_after_a_change(MarketplaceSystem system) : IAsyncLifetime
{
    private const string La = "E06000005";
    private readonly Catalogue catalogue = new(system);
    private NpgsqlDataSource dataSource = null!;

    public Task InitializeAsync()
    {
        dataSource = NpgsqlDataSource.Create(system.ConnectionString("catalogue"));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await catalogue.DisposeAsync();
        await dataSource.DisposeAsync();
    }

    [Fact]
    public async Task The_next_visitor_after_a_change_finds_the_popular_search_ready_and_up_to_date()
    {
        using var cache = new SearchCache();
        var search = new CatalogueSearch(dataSource, cache);
        var filters = new SearchFilters(La: La, Need: "HI");
        await catalogue.PublishAsync(Guid.NewGuid(), Catalogue.Offer("Hearing help at home", La, needs: ["HI"]));
        var before = await search.SearchAsync(filters, 1, 20, CancellationToken.None, withFacets: true);
        var statements = cache.Computed;
        Assert.True(statements > 1, "a search with facets runs several statements");
        await search.SearchAsync(filters, 1, 20, CancellationToken.None, withFacets: true);
        Assert.Equal(statements, cache.Computed); // asked again at the same generation: all from the cache

        var warmer = new SearchCacheWarmer(dataSource, cache,
            Options.Create(new SearchCacheWarmerOptions { PollInterval = TimeSpan.FromMilliseconds(50), Settle = TimeSpan.Zero }), NullLogger<SearchCacheWarmer>.Instance);
        await warmer.StartAsync(CancellationToken.None);
        try
        {
            await Eventually.Async(() => Task.FromResult(warmer.LastSeen is not null), TimeSpan.FromSeconds(10), "the warmer to read the generation");
            await catalogue.PublishAsync(Guid.NewGuid(), Catalogue.Offer("Hearing support club", La, needs: ["HI"]));
            await Eventually.Async(() => Task.FromResult(cache.Computed >= 2 * statements), TimeSpan.FromSeconds(20),
                "the warmer to compute the search's statements at the new generation");

            var warmedAt = cache.Computed;
            var after = await search.SearchAsync(filters, 1, 20, CancellationToken.None, withFacets: true);
            Assert.Equal(warmedAt, cache.Computed);
            Assert.Equal(before.Total + 1, after.Total);
            Assert.Contains(after.Items, o => o.Name == "Hearing support club");
        }
        finally
        {
            await warmer.StopAsync(CancellationToken.None);
        }
    }
}
