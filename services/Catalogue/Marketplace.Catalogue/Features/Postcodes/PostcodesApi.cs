using System.Globalization;
using System.Text;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Security;
using Npgsql;
using NpgsqlTypes;

namespace Marketplace.Catalogue.Features.Postcodes;

/// <summary>
/// <c>POST /api/catalogue/postcodes</c> with the ONS Postcode Directory (ONSPD) CSV as the body: loads postcode
/// centroids and their local authorities, replacing rows for the same postcodes. Terminated postcodes and those
/// without a grid reference are skipped. Streams the file, so the full directory (about 2.7 million rows) fits.
/// </summary>
public static class PostcodesApi
{
    public static IEndpointRouteBuilder MapPostcodesApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/catalogue/postcodes", Import).RequireAuthorization(p => p.RequireRole(MarketplaceRoles.LaOfficer));
        return app;
    }

    private static async Task<IResult> Import(HttpRequest request, NpgsqlDataSource dataSource, ILoggerFactory logs, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body);
        var header = await reader.ReadLineAsync(ct) is { } first ? Fields(first) : null;
        if (header is null || header.Count < 2)
        {
            return new ValidationErrors().Add("body", "Send the ONS Postcode Directory as CSV, with its header row.").ToResult();
        }

        int? Column(Func<string, bool> match) =>
            header.Select((h, i) => (h, i)).Where(c => match(c.h.Trim().ToLowerInvariant())).Select(c => (int?)c.i).FirstOrDefault();
        var postcodeColumn = Column(h => h is "pcds" or "pcd" or "pcd2" or "postcode");
        var latitudeColumn = Column(h => h is "lat" or "latitude");
        var longitudeColumn = Column(h => h is "long" or "longitude");
        var authorityColumn = Column(h => h is "oslaua" or "laua") ?? Column(h => h.StartsWith("lad", StringComparison.Ordinal) && h.EndsWith("cd", StringComparison.Ordinal));
        var terminatedColumn = Column(h => h == "doterm");
        var errors = new ValidationErrors()
            .Require(postcodeColumn is not null, "body", "The CSV has no postcode column (pcds, pcd or postcode).")
            .Require(latitudeColumn is not null && longitudeColumn is not null, "body", "The CSV has no lat and long columns.")
            .Require(authorityColumn is not null, "body", "The CSV has no local authority column (oslaua, or ladNNcd).");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        int read = 0, skipped = 0;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        await using (var create = new NpgsqlCommand(
            "CREATE TEMP TABLE postcodes_import (postcode text, latitude double precision, longitude double precision, local_authority text) ON COMMIT DROP",
            connection, transaction))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        await using (var copy = await connection.BeginBinaryImportAsync("COPY postcodes_import (postcode, latitude, longitude, local_authority) FROM STDIN (FORMAT BINARY)", ct))
        {
            while (await reader.ReadLineAsync(ct) is { } line)
            {
                if (line.Length == 0)
                {
                    continue;
                }

                read++;
                var fields = Fields(line);
                string? Field(int? index) => index is { } i && i < fields.Count ? fields[i] : null;
                var postcode = PostcodeLookup.Normalise(Field(postcodeColumn) ?? "");
                var usable = postcode.Length is >= 5 and <= 7
                    && double.TryParse(Field(latitudeColumn), NumberStyles.Float, CultureInfo.InvariantCulture, out var latitude)
                    && double.TryParse(Field(longitudeColumn), NumberStyles.Float, CultureInfo.InvariantCulture, out var longitude)
                    && Math.Abs(latitude) <= 90 && Math.Abs(longitude) <= 180 && !(latitude > 99) // ONSPD marks "no grid reference" with 99.999999
                    && string.IsNullOrWhiteSpace(terminatedColumn is null ? null : Field(terminatedColumn));
                if (!usable)
                {
                    skipped++;
                    continue;
                }

                await copy.StartRowAsync(ct);
                await copy.WriteAsync(postcode, NpgsqlDbType.Text, ct);
                await copy.WriteAsync(double.Parse(Field(latitudeColumn)!, CultureInfo.InvariantCulture), NpgsqlDbType.Double, ct);
                await copy.WriteAsync(double.Parse(Field(longitudeColumn)!, CultureInfo.InvariantCulture), NpgsqlDbType.Double, ct);
                await copy.WriteAsync((Field(authorityColumn) ?? "").Trim(), NpgsqlDbType.Text, ct);
            }

            await copy.CompleteAsync(ct);
        }

        int imported;
        await using (var merge = new NpgsqlCommand(
            """
            INSERT INTO postcodes (postcode, latitude, longitude, local_authority)
            SELECT DISTINCT ON (postcode) postcode, latitude, longitude, local_authority FROM postcodes_import
            ON CONFLICT (postcode) DO UPDATE SET latitude = EXCLUDED.latitude, longitude = EXCLUDED.longitude, local_authority = EXCLUDED.local_authority
            """, connection, transaction))
        {
            imported = await merge.ExecuteNonQueryAsync(ct);
        }

        await transaction.CommitAsync(ct);
        logs.CreateLogger(typeof(PostcodesApi)).LogInformation("Postcode directory loaded: {Read} rows read, {Imported} postcodes, {Skipped} skipped", read, imported, skipped);
        return Results.Ok(new { read, imported, skipped });
    }

    /// <summary>The fields of one CSV line (RFC 4180 quoting; ONSPD has no line breaks inside fields).</summary>
    private static List<string> Fields(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }

        fields.Add(field.ToString());
        return fields;
    }
}
