using Dapper;
using Npgsql;

namespace Marketplace.Catalogue.Features.Postcodes;

public sealed record PostcodePoint(string Postcode, double Latitude, double Longitude, string LocalAuthority);

/// <summary>Turns a postcode into its centroid and local authority, from the <c>postcodes</c> table.</summary>
public sealed class PostcodeLookup(NpgsqlDataSource dataSource)
{
    /// <summary>The key a postcode is stored under: capitals, no spaces ("m1 1ae" and "M11AE" are the same).</summary>
    public static string Normalise(string postcode) => new(postcode.Where(char.IsAsciiLetterOrDigit).Select(char.ToUpperInvariant).ToArray());

    public async Task<PostcodePoint?> FindAsync(string postcode, CancellationToken ct)
    {
        var key = Normalise(postcode);
        if (key.Length is < 5 or > 7)
        {
            return null;
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<PostcodePoint>(new CommandDefinition(
            "SELECT postcode, latitude, longitude, local_authority FROM postcodes WHERE postcode = @key", new { key }, cancellationToken: ct));
    }
}
