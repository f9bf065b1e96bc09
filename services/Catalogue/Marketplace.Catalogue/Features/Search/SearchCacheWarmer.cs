using Npgsql;

namespace Marketplace.Catalogue.Features.Search;

public sealed class SearchCacheWarmerOptions
{
    /// <summary>How many of the most asked statements run again after each change; 0 turns warming off.</summary>
    public int Statements { get; set; } = 100;

    /// <summary>How long the catalogue must stay unchanged before warming starts (an import changes it many times).</summary>
    public TimeSpan Settle { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Only statements asked this recently are warmed.</summary>
    public TimeSpan AskedWithin { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How often the catalogue's generation is read to notice a change.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>
/// Notices a change to the catalogue (its generation moved) and computes the most asked search statements again at
/// the new generation, one at a time on one connection, so the next visitors find them ready instead of the first
/// one paying for the facet counts (ADR 0016). A change during warming starts it again at the newer generation.
/// </summary>
public sealed class SearchCacheWarmer(
    NpgsqlDataSource dataSource,
    SearchCache cache,
    Microsoft.Extensions.Options.IOptions<SearchCacheWarmerOptions> options,
    ILogger<SearchCacheWarmer> logger) : BackgroundService
{
    /// <summary>The catalogue generation the warmer last saw (null until it first looked).</summary>
    public long? LastSeen { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Statements <= 0)
        {
            return;
        }

        long? warmed = null;
        var changedAt = DateTimeOffset.UtcNow;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                var generation = await SearchCache.GenerationAsync(connection, stoppingToken);
                if (generation != LastSeen)
                {
                    changedAt = DateTimeOffset.UtcNow;
                }
                else if (warmed is not null && generation != warmed && DateTimeOffset.UtcNow - changedAt >= settings.Settle)
                {
                    var ran = await cache.WarmAsync(connection, generation, settings.Statements, settings.AskedWithin, stoppingToken);
                    logger.LogInformation("Warmed {Count} search statements at catalogue generation {Generation}", ran, generation);
                    warmed = generation;
                }

                warmed ??= generation; // nothing to warm at start
                LastSeen = generation;
                await Task.Delay(settings.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning(e, "Could not warm the search cache; trying again in {Wait}", settings.PollInterval * 5);
                await Task.Delay(settings.PollInterval * 5, stoppingToken);
            }
        }
    }
}
