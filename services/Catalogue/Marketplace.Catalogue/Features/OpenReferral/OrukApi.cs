using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Marketplace.Catalogue.Features.Postcodes;
using Marketplace.Catalogue.Features.Search;
using Marketplace.Catalogue.Features.Taxonomy;
using Marketplace.Contracts.Onboarding;
using Marketplace.ServiceDefaults.Http;

namespace Marketplace.Catalogue.Features.OpenReferral;

/// <summary>
/// The Open Referral UK (HSDS-UK 3.0) API over the catalogue's visible offers and its taxonomy: every route of
/// <c>openapi30.json</c>, open to all, with <c>Access-Control-Allow-Origin: *</c>, the standard paging envelope, and
/// 404 problem details for an id it does not know. Fields without a value are left out rather than sent as null.
/// </summary>
public static class OrukApi
{
    public const int DefaultPerPage = 50;
    public const int MaximumPerPage = 200;
    private const double MaximumProximityMetres = 200_000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly JsonSerializerOptions Snapshots = new(JsonSerializerDefaults.Web);

    private static readonly HashSet<string> Days = new(StringComparer.OrdinalIgnoreCase)
    {
        "MO", "TU", "WE", "TH", "FR", "SA", "SU", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    };

    public static IEndpointRouteBuilder MapOrukApi(this IEndpointRouteBuilder app)
    {
        var oruk = app.MapGroup("/oruk").AllowAnonymous();
        oruk.AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.AccessControlAllowOrigin = "*";
            return await next(context);
        });
        oruk.MapGet("/", (HttpRequest request) => Results.Json(new
        {
            version = "HSDS-UK-3.0",
            profile = "https://github.com/openreferraluk/uk-profile",
            openapi_url = $"{request.Scheme}://{request.Host}{request.PathBase}/oruk/openapi.json",
        }));
        oruk.MapGet("/openapi.json", () => Results.Stream(
            typeof(OrukApi).Assembly.GetManifestResourceStream("Marketplace.Catalogue.Features.OpenReferral.openapi30.json")!, "application/json"));
        oruk.MapGet("/services", ListServices);
        oruk.MapGet("/services/{id}", GetService);
        oruk.MapGet("/service_at_locations", ListServiceAtLocations);
        oruk.MapGet("/service_at_locations/{id}", GetServiceAtLocation);
        oruk.MapGet("/taxonomies", ListTaxonomies);
        oruk.MapGet("/taxonomies/{id}", GetTaxonomy);
        oruk.MapGet("/taxonomy_terms", ListTaxonomyTerms);
        oruk.MapGet("/taxonomy_terms/{id}", GetTaxonomyTerm);
        return app;
    }

    private static async Task<IResult> ListServices(HttpRequest request, CatalogueSearch search, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var (page, perPage) = Paging(errors, request);
        var filters = ServiceFilters(errors, request, out var matchesNothing);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        if (matchesNothing)
        {
            return Envelope(Array.Empty<object>(), 0, page, perPage);
        }

        var result = await search.SearchAsync(filters, page, perPage, ct);
        return Envelope(result.Items.Select(ServiceSummary), result.Total, page, perPage);
    }

    private static async Task<IResult> GetService(string id, CatalogueSearch search, CancellationToken ct)
    {
        var offer = Guid.TryParse(id, out var guid) ? await search.FindAsync(guid, ct) : null;
        if (offer is null)
        {
            return NotFound("Service", id);
        }

        var locations = await search.LocationsOfAsync(offer.Id, ct);
        return Results.Json(FullService(offer, locations), Json);
    }

    private static async Task<IResult> ListServiceAtLocations(HttpRequest request, CatalogueSearch search, PostcodeLookup postcodes, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        var (page, perPage) = Paging(errors, request);
        var filters = ServiceFilters(errors, request, out var matchesNothing);
        var postcode = Text(request, "postcode");
        var proximity = Number(errors, request, "proximity", 1, MaximumProximityMetres, "proximity must be a distance in metres from 1 to 200000.");
        errors.Require(proximity is null || postcode is not null, "proximity", "proximity needs a postcode to measure from.");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        if (postcode is not null)
        {
            var point = await postcodes.FindAsync(postcode, ct);
            if (point is null)
            {
                return new ValidationErrors().Add("postcode", $"The postcode '{postcode}' is not one we know. Check it, or search by local authority.").ToResult();
            }

            // Within the radius of the postcode's centroid, or without one, serving the postcode's local authority.
            filters = proximity is { } metres
                ? filters with { Near = new Near(point.Latitude, point.Longitude, metres) }
                : filters with { La = point.LocalAuthority };
        }

        if (matchesNothing)
        {
            return Envelope(Array.Empty<object>(), 0, page, perPage);
        }

        var (items, total) = await search.SearchLocationsAsync(filters, page, perPage, ct);
        return Envelope(items.Select(i => new
        {
            id = i.ServiceAtLocationId,
            service_id = i.Id,
            location_id = i.LocationId,
            location = Location(i.Location),
            service = ServiceSummary(i),
        }), total, page, perPage);
    }

    /// <summary>The openapi file points this route at the service schema by mistake (see SOURCE.md): it answers a service_at_location.</summary>
    private static async Task<IResult> GetServiceAtLocation(string id, CatalogueSearch search, CancellationToken ct)
    {
        var found = Guid.TryParse(id, out var guid) ? await search.FindLocationAsync(guid, ct) : null;
        if (found is null)
        {
            return NotFound("Service at location", id);
        }

        var offer = await search.FindAsync(found.Id, ct);
        if (offer is null)
        {
            return NotFound("Service at location", id);
        }

        var locations = await search.LocationsOfAsync(offer.Id, ct);
        return Results.Json(new
        {
            id = found.ServiceAtLocationId,
            service_id = found.Id,
            location_id = found.LocationId,
            location = Location(found.Location),
            service = FullService(offer, locations),
        }, Json);
    }

    private static IResult ListTaxonomies(HttpRequest request)
    {
        var errors = new ValidationErrors();
        var (page, perPage) = Paging(errors, request);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var all = OrukTaxonomy.All;
        return Envelope(all.Skip((page - 1) * perPage).Take(perPage).Select(t => Taxonomy(t, withTerms: false)), all.Count, page, perPage);
    }

    private static IResult GetTaxonomy(string id) =>
        Guid.TryParse(id, out var guid) && OrukTaxonomy.ById.TryGetValue(guid, out var taxonomy)
            ? Results.Json(Taxonomy(taxonomy, withTerms: true), Json)
            : NotFound("Taxonomy", id);

    private static IResult ListTaxonomyTerms(HttpRequest request)
    {
        var errors = new ValidationErrors();
        var (page, perPage) = Paging(errors, request);
        if (errors.Any)
        {
            return errors.ToResult();
        }

        var all = OrukTaxonomy.All.SelectMany(t => t.Terms).ToList();
        return Envelope(all.Skip((page - 1) * perPage).Take(perPage).Select(Term), all.Count, page, perPage);
    }

    private static IResult GetTaxonomyTerm(string id) =>
        Guid.TryParse(id, out var guid) && OrukTaxonomy.TermsById.TryGetValue(guid, out var term)
            ? Results.Json(Term(term), Json)
            : NotFound("Taxonomy term", id);

    // --- mapping ----------------------------------------------------------------------------------------------------

    private static object ServiceSummary(OfferListItem o) => new
    {
        id = o.Id,
        organization_id = o.ProviderId,
        name = o.Name,
        description = o.Description,
        status = "active",
        minimum_age = o.MinAge,
        maximum_age = o.MaxAge,
        last_modified = o.UpdatedAt,
        organization = new { id = o.ProviderId, name = o.ProviderName, description = o.ProviderName },
    };

    private static object FullService(CatalogueOffer offer, IReadOnlyList<OfferLocationRow> locations)
    {
        var snapshot = JsonSerializer.Deserialize<OfferSnapshot>(offer.Snapshot, Snapshots)!;
        return new
        {
            id = offer.Id,
            organization_id = offer.ProviderId,
            name = offer.Name,
            description = offer.Description,
            email = string.IsNullOrWhiteSpace(snapshot.ContactEmail) ? null : snapshot.ContactEmail,
            status = "active",
            minimum_age = offer.MinAge,
            maximum_age = offer.MaxAge,
            last_modified = offer.UpdatedAt,
            organization = new { id = offer.ProviderId, name = offer.ProviderName, description = offer.ProviderName },
            cost_options = snapshot.CostOptions.Select((c, i) => new
            {
                id = Deterministic(offer.Id, $"cost/{i}"),
                service_id = offer.Id,
                option = c.Label,
                amount = c.AmountPence / 100m,
                amount_description = c.Unit,
            }),
            service_areas = offer.AreasServed.Select(a => new
            {
                id = Deterministic(offer.Id, $"area/{a}"),
                service_id = offer.Id,
                name = a,
                service_area = a,
                extent_type = "ons_la_code",
            }),
            service_at_locations = locations.Select(l => new
            {
                id = l.ServiceAtLocationId,
                service_id = offer.Id,
                location_id = l.LocationId,
                location = Location(l),
            }),
            attributes = OrukTaxonomy.TermsOf(offer).Select(t => new
            {
                id = Deterministic(offer.Id, $"attribute/{t.Id}"),
                link_id = offer.Id,
                link_type = "service",
                taxonomy_term_id = t.Id,
                taxonomy_term = Term(t),
            }),
        };
    }

    private static object Location(OfferLocationRow l) => new
    {
        id = l.LocationId,
        location_type = "physical",
        name = string.IsNullOrWhiteSpace(l.Town) ? l.AddressLine : $"{l.AddressLine}, {l.Town}",
        latitude = l.Latitude,
        longitude = l.Longitude,
        addresses = new[]
        {
            new
            {
                id = Deterministic(l.LocationId, "address"),
                location_id = l.LocationId,
                address_1 = l.AddressLine,
                city = l.Town,
                state_province = "",
                postal_code = l.Postcode,
                country = "GB",
                address_type = "physical",
            },
        },
    };

    private static object Taxonomy(OrukTaxonomyEntry t, bool withTerms) => new
    {
        id = t.Id,
        name = t.Name,
        description = t.Description,
        version = t.Version,
        taxonomy_terms = withTerms ? t.Terms.Select(Term) : null,
    };

    private static object Term(TaxonomyTerm t) => new
    {
        id = t.Id,
        name = t.Name,
        description = t.Description,
        taxonomy = t.Taxonomy.Name,
        taxonomy_id = t.Taxonomy.Id,
        term = t.Code,
    };

    // --- requests ---------------------------------------------------------------------------------------------------

    private static IResult Envelope<T>(IEnumerable<T> contents, int total, int page, int perPage)
    {
        var list = contents.ToList();
        var totalPages = Math.Max(1, (int)Math.Ceiling(total / (double)perPage));
        return Results.Json(new
        {
            total_items = total,
            total_pages = totalPages,
            page_number = page,
            size = list.Count,
            first_page = page == 1,
            last_page = page >= totalPages,
            empty = list.Count == 0,
            contents = list,
        }, Json);
    }

    private static (int Page, int PerPage) Paging(ValidationErrors errors, HttpRequest request)
    {
        var page = Number(errors, request, "page", 1, 100_000, "page must be a whole number, 1 or more.", wholeNumber: true);
        var perPage = Number(errors, request, "per_page", 1, MaximumPerPage, $"per_page must be a whole number from 1 to {MaximumPerPage}.", wholeNumber: true);
        return ((int)(page ?? 1), (int)(perPage ?? DefaultPerPage));
    }

    /// <summary>
    /// The service filters of the API description. The catalogue holds no opening times, so <c>start_time</c>,
    /// <c>end_time</c> and <c>day</c> are checked but narrow nothing.
    /// </summary>
    private static SearchFilters ServiceFilters(ValidationErrors errors, HttpRequest request, out bool matchesNothing)
    {
        matchesNothing = false;
        var filters = new SearchFilters(Q: Text(request, "search"), Sort: "name");
        errors.Require(filters.Q is null || filters.Q.Length <= SearchApi.MaximumWordsLength, "search",
            $"search must be {SearchApi.MaximumWordsLength} characters or fewer.");
        var minimum = Number(errors, request, "minimum_age", 0, 150, "minimum_age must be a number of years.");
        var maximum = Number(errors, request, "maximum_age", 0, 150, "maximum_age must be a number of years.");
        filters = filters with
        {
            MinimumAge = minimum is null ? null : (int)Math.Ceiling(minimum.Value),
            MaximumAge = maximum is null ? null : (int)Math.Floor(maximum.Value),
        };

        foreach (var name in new[] { "start_time", "end_time" })
        {
            var time = Text(request, name);
            errors.Require(time is null || TimeOnly.TryParse(time, CultureInfo.InvariantCulture, out _), name, $"{name} must be a time such as 09:30.");
        }

        var day = Text(request, "day");
        errors.Require(day is null || Days.Contains(day), "day", "day must be a day of the week, such as MO or monday.");

        var termId = Text(request, "taxonomy_term_id");
        if (termId is not null)
        {
            if (!Guid.TryParse(termId, out var id))
            {
                errors.Add("taxonomy_term_id", "taxonomy_term_id must be the id of a taxonomy term (a UUID).");
            }
            else if (OrukTaxonomy.TermsById.TryGetValue(id, out var term))
            {
                filters = OrukTaxonomy.Narrow(filters, term);
            }
            else
            {
                matchesNothing = true;
            }
        }

        var taxonomyId = Text(request, "taxonomy_id");
        if (taxonomyId is not null)
        {
            // Every offer carries a term of each of our taxonomies, so a known taxonomy narrows nothing.
            if (!Guid.TryParse(taxonomyId, out var id))
            {
                errors.Add("taxonomy_id", "taxonomy_id must be the id of a taxonomy (a UUID).");
            }
            else if (!OrukTaxonomy.ById.ContainsKey(id))
            {
                matchesNothing = true;
            }
        }

        return filters;
    }

    private static string? Text(HttpRequest request, string name)
    {
        var value = request.Query[name].ToString();
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static double? Number(ValidationErrors errors, HttpRequest request, string name, double min, double max, string message, bool wholeNumber = false)
    {
        var text = Text(request, name);
        if (text is null)
        {
            return null;
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            && value >= min && value <= max && (!wholeNumber || value == Math.Floor(value)))
        {
            return value;
        }

        errors.Add(name, message);
        return null;
    }

    private static IResult NotFound(string what, string id) => Results.Problem(
        statusCode: StatusCodes.Status404NotFound, title: $"{what} not found", detail: $"There is no {what.ToLowerInvariant()} with the id '{id}'.");

    /// <summary>Stable ids for sub-records that have none of their own.</summary>
    private static Guid Deterministic(Guid parent, string part)
    {
        var bytes = System.Security.Cryptography.MD5.HashData(System.Text.Encoding.UTF8.GetBytes($"{parent}/{part}"));
        return new Guid(bytes);
    }
}
