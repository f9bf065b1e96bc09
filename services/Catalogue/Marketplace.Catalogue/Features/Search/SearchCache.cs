using System.Collections.Concurrent;
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
/// expensive part and are computed once per change instead of once per visitor. After a change,
/// <see cref="SearchCacheWarmer"/> runs the most asked statements again, so the first visitor after it
/// rarely pays (ADR 0016).
/// </summary>
public sealed class SearchCache : IDisposable
{
    /// <summary>How many statements' popularity is remembered for warming (the least asked are forgotten first).</summary>
    public const int RememberedStatements = 2_000;

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 20_000 });
    private readonly ConcurrentDictionary<string, Asked> asked = new(StringComparer.Ordinal);
    private long computed;
    private int remembered; // asked.Count takes every lock of the dictionary: counted here instead

    /// <summary>How many statements were answered by the database rather than from the cache, since start.</summary>
    public long Computed => Interlocked.Read(ref computed);

    /// <summary>A statement visitors asked, how often, and how to run it again at another generation.</summary>
    private sealed class Asked(Func<NpgsqlConnection, long, CancellationToken, Task> run)
    {
        public Func<NpgsqlConnection, long, CancellationToken, Task> Run { get; } = run;
        public long Times;
        public long LastTicks;
    }

    public static Task<long> GenerationAsync(NpgsqlConnection connection, CancellationToken ct) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition("SELECT value FROM catalogue_generation", cancellationToken: ct));

    /// <summary>The rows of <paramref name="sql"/>, from the cache when the same statement with the same values ran at this generation.</summary>
    public async Task<IReadOnlyList<T>> QueryAsync<T>(NpgsqlConnection connection, long generation, string sql, DynamicParameters parameters, CancellationToken ct)
    {
        var statement = Statement(typeof(T), sql, parameters);
        Remember<T>(statement, sql, parameters);
        return await AnswerAsync<T>(connection, generation, statement, sql, parameters, ct);
    }

    private async Task<IReadOnlyList<T>> AnswerAsync<T>(NpgsqlConnection connection, long generation, string statement, string sql, DynamicParameters parameters, CancellationToken ct)
    {
        var key = $"{generation}\u001f{statement}";
        if (cache.TryGetValue(key, out IReadOnlyList<T>? rows) && rows is not null)
        {
            return rows;
        }

        rows = (await connection.QueryAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: ct))).ToList();
        Interlocked.Increment(ref computed);
        cache.Set(key, rows, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return rows;
    }

    private void Remember<T>(string statement, string sql, DynamicParameters parameters)
    {
        if (!asked.TryGetValue(statement, out var entry))
        {
            entry = asked.GetOrAdd(statement, _ => NewAsked<T>(statement, sql, parameters));
        }

        Interlocked.Increment(ref entry.Times);
        Volatile.Write(ref entry.LastTicks, DateTime.UtcNow.Ticks);
        if (Volatile.Read(ref remembered) > RememberedStatements * 2)
        {
            Forget();
        }
    }

    private Asked NewAsked<T>(string statement, string sql, DynamicParameters parameters)
    {
        Interlocked.Increment(ref remembered);
        // The parameters object is shared by a search's statements and changed between them: keep a copy.
        var copy = new DynamicParameters();
        foreach (var name in parameters.ParameterNames.Where(n => sql.Contains('@' + n, StringComparison.Ordinal)))
        {
            copy.Add(name, parameters.Get<object?>(name));
        }

        return new Asked((connection, generation, ct) => AnswerAsync<T>(connection, generation, statement, sql, copy, ct));
    }

    /// <summary>Forgets the least asked statements, down to <see cref="RememberedStatements"/>.</summary>
    private void Forget()
    {
        var all = asked.ToArray();
        foreach (var forgotten in all.OrderBy(a => a.Value.Times).Take(all.Length - RememberedStatements))
        {
            if (asked.TryRemove(forgotten.Key, out _))
            {
                Interlocked.Decrement(ref remembered);
            }
        }
    }

    /// <summary>
    /// Runs the <paramref name="count"/> statements asked most often in the last <paramref name="within"/> again at
    /// <paramref name="generation"/>, one at a time, skipping those already held, and stops early when the catalogue
    /// changes again (the next warming starts from the newer generation); returns how many it ran.
    /// </summary>
    public async Task<int> WarmAsync(NpgsqlConnection connection, long generation, int count, TimeSpan within, CancellationToken ct)
    {
        var since = (DateTime.UtcNow - within).Ticks;
        var ran = 0;
        foreach (var (statement, entry) in asked.Where(a => Volatile.Read(ref a.Value.LastTicks) >= since).OrderByDescending(a => a.Value.Times).Take(count).ToList())
        {
            if (cache.TryGetValue($"{generation}\u001f{statement}", out _))
            {
                continue;
            }

            if (await GenerationAsync(connection, ct) != generation)
            {
                break;
            }

            await entry.Run(connection, generation, ct);
            ran++;
        }

        return ran;
    }

    /// <summary>The statement and the values of the parameters it uses, with the row type: the cache key without its generation.</summary>
    private static string Statement(Type rowType, string sql, DynamicParameters parameters)
    {
        var key = new StringBuilder().Append(rowType.Name).Append('\u001f').Append(sql);
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
