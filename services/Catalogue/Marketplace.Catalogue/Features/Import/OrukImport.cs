using System.Globalization;
using System.Text.Json;
using Dapper;
using Marketplace.Catalogue.Features.Search;
using Marketplace.Contracts.Onboarding;
using Marketplace.ServiceDefaults.Taxonomy;
using Npgsql;

namespace Marketplace.Catalogue.Features.Import;

public sealed record ImportRejection(string? Id, string? Name, string Reason);

public sealed record ImportReport(string Source, int Received, int Imported, int Updated, IReadOnlyList<ImportRejection> Rejected, IReadOnlyList<string> Warnings);

/// <summary>
/// Reads an Open Referral UK 3.0 document from another directory (a service, a page of services, a service at a
/// location or a page of them, an organization with its services, or an array of any of these) and maps each active
/// service into the catalogue, marked with its source and the local authorities it serves. The service's id is kept,
/// so importing again updates rather than duplicates; a record that cannot be used is rejected with a reason, and the
/// rest still import.
/// </summary>
public sealed class OrukImport(NpgsqlDataSource dataSource, ILogger<OrukImport> logger)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ImportReport> ImportAsync(JsonElement document, string source, IReadOnlyList<string> areasServed, CancellationToken ct)
    {
        var rejected = new List<ImportRejection>();
        var warnings = new List<string>();
        var services = new List<(JsonElement Service, JsonElement? Organization)>();
        Collect(document, null, services);

        var rows = new List<ImportedOffer>();
        foreach (var (service, organization) in services)
        {
            var offer = Map(service, organization, source, areasServed, warnings, out var reason);
            if (offer is null)
            {
                rejected.Add(new ImportRejection(Text(service, "id"), Text(service, "name"), reason!));
            }
            else if (rows.FindIndex(r => r.Id == offer.Id) is var existing and >= 0)
            {
                rows[existing] = offer; // the same service twice in one feed: the later one wins
            }
            else
            {
                rows.Add(offer);
            }
        }

        var imported = 0;
        var updated = 0;
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var row in rows)
        {
            var outcome = await UpsertAsync(transaction, row, ct);
            switch (outcome)
            {
                case "inserted": imported++; break;
                case "updated": updated++; break;
                default: rejected.Add(new ImportRejection(row.Id.ToString(), row.Snapshot.Name, "An offer with this id already comes from another source.")); break;
            }

            if ((imported + updated) % 100 == 0)
            {
                logger.LogInformation("Open Referral import from {Source}: {Done} of {Total} services", source, imported + updated, rows.Count);
            }
        }

        await transaction.CommitAsync(ct);
        logger.LogInformation("Open Referral import from {Source}: {Imported} new, {Updated} updated, {Rejected} rejected",
            source, imported, updated, rejected.Count);
        return new ImportReport(source, services.Count, imported, updated, rejected, warnings);
    }

    /// <summary>Finds the services in any of the document shapes the API description defines.</summary>
    private static void Collect(JsonElement element, JsonElement? organization, List<(JsonElement, JsonElement?)> services)
    {
        if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                Collect(item, organization, services);
            }
        }
        else if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("contents", out var contents))
            {
                Collect(contents, organization, services);
            }
            else if (element.TryGetProperty("service", out var nested) && nested.ValueKind == JsonValueKind.Object && element.TryGetProperty("location", out var location))
            {
                services.Add((WithLocation(nested, element, location), organization));
            }
            else if (element.TryGetProperty("services", out var owned) && owned.ValueKind == JsonValueKind.Array)
            {
                Collect(owned, element, services);
            }
            else if (element.TryGetProperty("status", out _) || element.TryGetProperty("organization", out _) || element.TryGetProperty("service_areas", out _))
            {
                services.Add((element, organization));
            }
        }
    }

    /// <summary>A service_at_location's service, with that location added to its own (if it has none listed).</summary>
    private static JsonElement WithLocation(JsonElement service, JsonElement serviceAtLocation, JsonElement location)
    {
        if (service.TryGetProperty("service_at_locations", out var listed) && listed.ValueKind == JsonValueKind.Array && listed.GetArrayLength() > 0)
        {
            return service;
        }

        var copy = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(service.GetRawText())!;
        copy["service_at_locations"] = JsonSerializer.SerializeToElement(new[] { new { id = Text(serviceAtLocation, "id"), location } });
        return JsonSerializer.SerializeToElement(copy);
    }

    private static ImportedOffer? Map(JsonElement s, JsonElement? owner, string source, IReadOnlyList<string> areas, List<string> warnings, out string? reason)
    {
        reason = null;
        var idText = Text(s, "id");
        var name = Text(s, "name");
        var status = Text(s, "status") ?? "active";
        if (!Guid.TryParse(idText, out var id))
        {
            reason = "The service has no id, or its id is not a UUID.";
            return null;
        }

        if (string.IsNullOrWhiteSpace(name))
        {
            reason = "The service has no name.";
            return null;
        }

        if (!string.Equals(status, "active", StringComparison.OrdinalIgnoreCase))
        {
            reason = $"The service's status is '{status}': only active services are shown in the Local Offer.";
            return null;
        }

        var minimum = Number(s, "minimum_age") ?? SendTaxonomy.MinimumAge;
        var maximum = Number(s, "maximum_age") ?? SendTaxonomy.MaximumAge;
        if (minimum > maximum)
        {
            reason = $"The minimum age ({minimum}) is above the maximum age ({maximum}).";
            return null;
        }

        if (minimum > SendTaxonomy.MaximumAge)
        {
            reason = $"The service is for people aged {minimum} and over: the Local Offer covers ages 0 to 25.";
            return null;
        }

        var organization = s.TryGetProperty("organization", out var o) && o.ValueKind == JsonValueKind.Object ? o : owner;
        var providerName = organization is { } org ? Text(org, "name") ?? source : source;
        var providerId = organization is { } withId && Guid.TryParse(Text(withId, "id"), out var orgId) ? orgId : DerivedId($"{source}/{providerName}");

        var terms = Terms(s).ToList();
        var needs = terms.Where(SendTaxonomy.Needs.ContainsKey).Distinct().ToArray();
        var serviceType = terms.FirstOrDefault(SendTaxonomy.ServiceTypes.ContainsKey) ?? "";
        var locations = new List<OfferLocation>();
        var modes = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var sal in Array(s, "service_at_locations"))
        {
            if (!sal.TryGetProperty("location", out var location) || location.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var type = Text(location, "location_type") ?? "physical";
            if (type == "virtual")
            {
                modes.Add("online");
                continue;
            }

            modes.Add("in-person");
            var address = Array(location, "addresses").FirstOrDefault();
            var (latitude, longitude) = (Number(location, "latitude"), Number(location, "longitude"));
            if (latitude is not null && longitude is not null && (Math.Abs(latitude.Value) > 90 || Math.Abs(longitude.Value) > 180))
            {
                warnings.Add($"Service {id} ({name}): the location '{Text(location, "name")}' has impossible coordinates ({latitude}, {longitude}); they were left out.");
                (latitude, longitude) = (null, null);
            }

            locations.Add(new OfferLocation(
                address.ValueKind == JsonValueKind.Object ? Text(address, "address_1") ?? Text(location, "name") ?? "" : Text(location, "name") ?? "",
                address.ValueKind == JsonValueKind.Object ? Text(address, "city") ?? "" : "",
                address.ValueKind == JsonValueKind.Object ? Text(address, "postal_code") ?? "" : "",
                latitude, longitude));
        }

        var costs = Array(s, "cost_options")
            .Select(c => new CostOption(Text(c, "option") ?? "Cost", (long)Math.Round((Number(c, "amount") ?? 0) * 100), Number(c, "amount") is null or 0 ? "free" : "session"))
            .ToList();
        var email = Text(s, "email");
        var snapshot = new OfferSnapshot(
            name.Trim(), Text(s, "description") ?? "", providerName, serviceType, needs, "", "",
            (int)Math.Max(SendTaxonomy.MinimumAge, Math.Floor(minimum)), (int)Math.Min(SendTaxonomy.MaximumAge, Math.Ceiling(maximum)),
            areas, modes.ToList(), "", Text(s, "url") is { } url ? $"See {url}" : "Contact the service.", costs, null, null, false, false,
            email is not null && email.Contains('@') ? email : null, null, locations);
        var modified = DateTimeOffset.TryParse(Text(s, "last_modified"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.UtcNow;
        return new ImportedOffer(id, providerId, $"oruk:{source}", snapshot, modified);
    }

    private sealed record ImportedOffer(Guid Id, Guid ProviderId, string Source, OfferSnapshot Snapshot, DateTimeOffset Modified);

    /// <returns>"inserted", "updated", or "refused" when the id belongs to an offer from another source.</returns>
    private static async Task<string> UpsertAsync(NpgsqlTransaction transaction, ImportedOffer row, CancellationToken ct)
    {
        var connection = transaction.Connection!;
        var offer = row.Snapshot;
        var prices = offer.CostOptions.Select(c => c.AmountPence).ToList();
        var inserted = await connection.QuerySingleOrDefaultAsync<bool?>(new CommandDefinition(
            """
            INSERT INTO catalogue_offers (id, provider_id, version, status, name, description, provider_name, service_type, needs,
                provision_area, tier, min_age, max_age, areas_served, delivery_modes, budget_eligible, free, from_price_pence,
                snapshot, published_at, updated_at, source)
            VALUES (@Id, @ProviderId, 1, 'published', @Name, @Description, @ProviderName, @ServiceType, @Needs, '', '', @MinAge, @MaxAge,
                @AreasServed, @DeliveryModes, false, @Free, @FromPricePence, @Snapshot::jsonb, @Modified, now(), @Source)
            ON CONFLICT (id) DO UPDATE SET
                provider_id = EXCLUDED.provider_id, version = catalogue_offers.version + 1, status = 'published', name = EXCLUDED.name,
                description = EXCLUDED.description, provider_name = EXCLUDED.provider_name, service_type = EXCLUDED.service_type,
                needs = EXCLUDED.needs, min_age = EXCLUDED.min_age, max_age = EXCLUDED.max_age, areas_served = EXCLUDED.areas_served,
                delivery_modes = EXCLUDED.delivery_modes, free = EXCLUDED.free, from_price_pence = EXCLUDED.from_price_pence,
                snapshot = EXCLUDED.snapshot, published_at = EXCLUDED.published_at, updated_at = now()
            WHERE catalogue_offers.source = EXCLUDED.source
            RETURNING (xmax = 0)
            """,
            new
            {
                row.Id, row.ProviderId, offer.Name, offer.Description, offer.ProviderName, offer.ServiceType, Needs = offer.Needs.ToArray(),
                offer.MinAge, offer.MaxAge, AreasServed = offer.AreasServed.ToArray(), DeliveryModes = offer.DeliveryModes.ToArray(),
                Free = prices.Count > 0 && prices.Min() == 0,
                FromPricePence = prices.Count > 0 ? prices.Where(p => p > 0).DefaultIfEmpty(0).Min() : (long?)null,
                Snapshot = JsonSerializer.Serialize(offer, Json), row.Modified, row.Source,
            }, transaction, cancellationToken: ct));
        if (inserted is null)
        {
            return "refused";
        }

        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM catalogue_locations WHERE offer_id = @Id", new { row.Id }, transaction, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition(
            """
            INSERT INTO catalogue_locations (id, offer_id, location_id, ordinal, address_line, town, postcode, latitude, longitude)
            SELECT md5(@Id::text || '/service-at-location/' || l.ordinal)::uuid, @Id, md5(@Id::text || '/location/' || l.ordinal)::uuid,
                   l.ordinal, l.address_line, l.town, l.postcode, l.latitude, l.longitude
            FROM unnest(@Ordinals, @Lines, @Towns, @Postcodes, @Latitudes, @Longitudes) AS l(ordinal, address_line, town, postcode, latitude, longitude)
            """,
            new
            {
                row.Id,
                Ordinals = offer.Locations.Select((_, i) => i).ToArray(),
                Lines = offer.Locations.Select(l => l.AddressLine).ToArray(),
                Towns = offer.Locations.Select(l => l.Town).ToArray(),
                Postcodes = offer.Locations.Select(l => l.Postcode).ToArray(),
                Latitudes = offer.Locations.Select(l => l.Latitude).ToArray(),
                Longitudes = offer.Locations.Select(l => l.Longitude).ToArray(),
            }, transaction, cancellationToken: ct));
        await SearchWords.AddAsync(transaction, $"{offer.Name} {offer.Description} {offer.ProviderName}", ct);
        return inserted.Value ? "inserted" : "updated";
    }

    /// <summary>The codes of the service's taxonomy terms (their <c>term</c>, else their <c>name</c>).</summary>
    private static IEnumerable<string> Terms(JsonElement s) =>
        Array(s, "attributes")
            .Select(a => a.TryGetProperty("taxonomy_term", out var t) && t.ValueKind == JsonValueKind.Object ? Text(t, "term") ?? Text(t, "name") : null)
            .OfType<string>();

    private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
        e.TryGetProperty(name, out var a) && a.ValueKind == JsonValueKind.Array ? a.EnumerateArray() : [];

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetString()) ? v.GetString() : null;

    private static double? Number(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;

    private static Guid DerivedId(string name) =>
        Guid.Parse(Convert.ToHexString(System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"marketplace/oruk/{name}"))));
}
