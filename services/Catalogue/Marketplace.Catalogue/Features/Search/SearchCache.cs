using System.Text;
using Dapper;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace Marketplace.Catalogue.Features.Search;

/// <summary>
/// Answers of search's queries (counts, facet counts, a page of results), kept in memory under the
/// catalogue's generation: <c>catalogue_generation</c> moves in the same transaction as any change to
/// offers, locations or provider status, so an answer is reused only while everything it was computed
/// from is unchanged, and each instance of the service sees a change as soon as it commits. The popular
/// searches of a Local Offer (an area, a need, an age) repeat all day; their broad facet counts are the
/// expensive part and are computed once per change instead of once per visitor.
/// </summary>
public sealed class SearchCache : IDisposable
{
    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });

    public static Task<long> GenerationAsync(NpgsqlConnection connection, CancellationToken ct) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT value FROM catalogue_generation", cancellationToken: ct));

    /// <summary>The rows of <paramref name="sql"/>, from the cache when the same statement with the same values ran at this generation.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(NpgsqlConnection connection, long generation, string sql, DynamicParameters parameters, CancellationToken ct)
    {
        var key = Key(generation, typeof(T), sql, parameters);
        if (cache.TryGetValue(key, out IReadOnlyList<T>? rows) && rows is not null)
        {
            return rows;
        }

        rows = (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: ct))).ToList();
        cache.Set(key, rows, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return rows;
    }

    /// <summary>The statement and the values of the parameters it uses, with the generation and the row type.</summary>
    private static string Key(long generation, Type rowType, string sql, DynamicParameters parameters)
    {
        var key = new StringBuilder().Append(generation).Append('\u001f').Append(rowType.Name).Append('\u001f').Append(sql);
        foreach (var name in parameters.ParameterNames.Order(StringComparer.Ordinal))
        {
            if (!sql.Contains('@' + name, StringComparison.Ordinal))
            {
                continue;
            }

            var value = parameters.Get<object?>(name);
            key.Append('\u001f').Append(name).Append('=')
                .Append(value is string[] array ? string.Join('\u001e', array) : Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
        }

        return key.ToString();
    }

    public void Dispose() => cache.Dispose();
}
