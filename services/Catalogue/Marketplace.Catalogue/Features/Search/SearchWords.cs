using System.Text.RegularExpressions;
using Dapper;
using Npgsql;

namespace Marketplace.Catalogue.Features.Search;

/// <summary>
/// Typo tolerance that stays cheap: the words of every published offer are kept in <c>catalogue_words</c>
/// (a few thousand rows, trigram-indexed). Before matching, each query word that is not one of them is replaced
/// by the most similar word that is, so "speach therapy" searches for "speech therapy" with the ordinary
/// stemmed full-text index, and ranking only ever touches offers that really match.
/// </summary>
public static partial class SearchWords
{
    private const int MaximumWordsCorrected = 12;

    public static Task AddAsync(NpgsqlTransaction transaction, string text, CancellationToken ct) =>
        transaction.Connection!.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO catalogue_words (word)
            SELECT DISTINCT w FROM regexp_split_to_table(lower(@text), '[^[:alpha:]]+') w
            WHERE length(w) BETWEEN 3 AND 40
            ORDER BY w
            ON CONFLICT DO NOTHING
            """, new { text }, transaction, cancellationToken: ct));

    /// <summary>The query with each unknown word replaced by its nearest known word; the query itself when nothing changes.</summary>
    public static async Task<string> CorrectAsync(NpgsqlConnection connection, string query, CancellationToken ct)
    {
        var words = Word().Matches(query).Select(m => m.Value.ToLowerInvariant())
            .Where(w => w.Length >= 3 && w.All(char.IsLetter)).Distinct().Take(MaximumWordsCorrected).ToArray();
        if (words.Length == 0)
        {
            return query;
        }

        var replacements = (await connection.QueryAsync<(string Word, string? Replacement)>(new CommandDefinition(
            """
            SELECT t.w, coalesce(
                (SELECT word FROM catalogue_words WHERE word = t.w),
                (SELECT word FROM catalogue_words WHERE length(t.w) >= 4 AND word % t.w ORDER BY similarity(word, t.w) DESC, word LIMIT 1))
            FROM unnest(@words) AS t(w)
            """, new { words }, cancellationToken: ct)))
            .Where(r => r.Replacement is not null && r.Replacement != r.Word)
            .ToDictionary(r => r.Word, r => r.Replacement!);
        return replacements.Count == 0
            ? query
            : Word().Replace(query, m => replacements.TryGetValue(m.Value.ToLowerInvariant(), out var better) ? better : m.Value);
    }

    /// <summary>The words of a query joined with "or" (websearch syntax): the fallback when no offer has them all.</summary>
    public static string AnyOf(string query) =>
        string.Join(" or ", Word().Matches(query).Select(m => m.Value).Distinct(StringComparer.OrdinalIgnoreCase));

    public static int Count(string query) => Word().Matches(query).Count;

    /// <summary>A word: letters and digits (a word with digits is never corrected).</summary>
    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
