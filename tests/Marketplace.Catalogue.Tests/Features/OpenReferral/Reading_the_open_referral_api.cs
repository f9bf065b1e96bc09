using System.Net;
using System.Text.Json;
using Marketplace.Testing;

namespace Marketplace.Catalogue.Tests.Features.OpenReferral;

/// <summary>
/// Every route of the Open Referral UK 3.0 API description, through the gateway as outside clients call it: first,
/// middle and last pages and single records checked against the standard's JSON schemas, unknown ids, filters.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class Reading_the_open_referral_api(MarketplaceSystem system)
{
    public static TheoryData<string, string, int> Lists => new()
    {
        { "/oruk/services", "service_list.json", 100 },
        { "/oruk/service_at_locations", "service_at_location_list.json", 100 },
        { "/oruk/taxonomies", "taxonomy.json", 2 },
        { "/oruk/taxonomy_terms", "taxonomy_term.json", 10 },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task First_middle_and_last_pages_match_the_schemas(string route, string schema, int perPage)
    {
        using var anonymous = system.Gateway();
        var first = await GetAsync(anonymous, $"{route}?per_page={perPage}");
        await OrukSchemas.AssertValidPageAsync(schema, first, $"{route} page 1");
        var totalPages = first.GetProperty("total_pages").GetInt32();
        var totalItems = first.GetProperty("total_items").GetInt32();
        Assert.True(totalPages >= 3, $"{route} has only {totalPages} pages of {perPage}");
        Assert.True(first.GetProperty("first_page").GetBoolean());
        Assert.False(first.GetProperty("last_page").GetBoolean());
        Assert.Equal((totalItems + perPage - 1) / perPage, totalPages);

        var middle = await GetAsync(anonymous, $"{route}?per_page={perPage}&page={totalPages / 2 + 1}");
        await OrukSchemas.AssertValidPageAsync(schema, middle, $"{route} middle page");
        Assert.False(middle.GetProperty("first_page").GetBoolean());
        Assert.False(middle.GetProperty("last_page").GetBoolean());
        Assert.Equal(perPage, middle.GetProperty("size").GetInt32());

        var last = await GetAsync(anonymous, $"{route}?per_page={perPage}&page={totalPages}");
        await OrukSchemas.AssertValidPageAsync(schema, last, $"{route} last page");
        Assert.True(last.GetProperty("last_page").GetBoolean());
        Assert.Equal(totalItems - (totalPages - 1) * perPage, last.GetProperty("size").GetInt32());

        var beyond = await GetAsync(anonymous, $"{route}?per_page={perPage}&page={totalPages + 1}");
        await OrukSchemas.AssertValidPageAsync(schema, beyond, $"{route} beyond the last page");
        Assert.True(beyond.GetProperty("empty").GetBoolean());
    }

    [Fact]
    public async Task Single_records_match_the_schemas()
    {
        using var anonymous = system.Gateway();
        var location = (await GetAsync(anonymous, "/oruk/service_at_locations?per_page=1")).GetProperty("contents")[0];
        var serviceId = location.GetProperty("service_id").GetString();

        var service = await GetAsync(anonymous, $"/oruk/services/{serviceId}");
        await OrukSchemas.AssertValidAsync("service.json", service, "a service");
        Assert.NotEmpty(service.GetProperty("attributes").EnumerateArray());
        Assert.NotEmpty(service.GetProperty("service_at_locations").EnumerateArray());
        Assert.NotEmpty(service.GetProperty("service_areas").EnumerateArray());

        var atLocation = await GetAsync(anonymous, $"/oruk/service_at_locations/{location.GetProperty("id").GetString()}");
        await OrukSchemas.AssertValidAsync("service_at_location.json", atLocation, "a service at a location");
        Assert.Equal(serviceId, atLocation.GetProperty("service").GetProperty("id").GetString());

        var taxonomyId = (await GetAsync(anonymous, "/oruk/taxonomies")).GetProperty("contents")[0].GetProperty("id").GetString();
        var taxonomy = await GetAsync(anonymous, $"/oruk/taxonomies/{taxonomyId}");
        await OrukSchemas.AssertValidAsync("taxonomy.json", taxonomy, "a taxonomy");
        var termId = taxonomy.GetProperty("taxonomy_terms")[0].GetProperty("id").GetString();
        await OrukSchemas.AssertValidAsync("taxonomy_term.json", await GetAsync(anonymous, $"/oruk/taxonomy_terms/{termId}"), "a taxonomy term");
    }

    [Fact]
    public async Task The_taxonomies_are_the_local_offers_vocabulary()
    {
        using var anonymous = system.Gateway();
        var taxonomies = (await GetAsync(anonymous, "/oruk/taxonomies?per_page=50")).GetProperty("contents").EnumerateArray()
            .Select(t => t.GetProperty("name").GetString()).ToList();
        Assert.Equal(["SEND primary need (DfE)", "Provision area", "Tier of support", "Service type", "Age band (SEN2)", "How it is delivered"], taxonomies);

        var terms = (await GetAsync(anonymous, "/oruk/taxonomy_terms?per_page=200")).GetProperty("contents").EnumerateArray().ToList();
        Assert.Equal(12 + 3 + 3 + 13 + 5 + 3, terms.Count);
        Assert.Contains(terms, t => t.GetProperty("term").GetString() == "SLCN" && t.GetProperty("taxonomy").GetString() == "SEND primary need (DfE)");
        Assert.Contains(terms, t => t.GetProperty("term").GetString() == "short-breaks-and-respite");
    }

    [Theory]
    [InlineData("/oruk/services/")]
    [InlineData("/oruk/service_at_locations/")]
    [InlineData("/oruk/taxonomies/")]
    [InlineData("/oruk/taxonomy_terms/")]
    public async Task An_unknown_id_is_a_404_problem(string route)
    {
        using var anonymous = system.Gateway();
        foreach (var id in new[] { Guid.NewGuid().ToString(), "not-an-id" })
        {
            var response = await anonymous.GetAsync(route + id);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
            var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(404, problem.GetProperty("status").GetInt32());
            Assert.Contains(id, problem.GetProperty("detail").GetString());
        }
    }

    [Theory]
    [InlineData("/oruk/")]
    [InlineData("/oruk/services")]
    [InlineData("/oruk/service_at_locations")]
    [InlineData("/oruk/taxonomies")]
    [InlineData("/oruk/taxonomy_terms")]
    public async Task Every_route_is_open_to_any_origin(string route)
    {
        using var anonymous = system.Gateway();
        var response = await anonymous.GetAsync(route);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task The_root_names_the_version_and_a_copy_of_the_api_description_it_serves()
    {
        using var anonymous = system.Gateway();
        var root = await GetAsync(anonymous, "/oruk/");
        Assert.Equal("HSDS-UK-3.0", root.GetProperty("version").GetString());
        var openapi = new Uri(root.GetProperty("openapi_url").GetString()!);
        var description = await GetAsync(anonymous, openapi.PathAndQuery);
        Assert.True(description.GetProperty("paths").TryGetProperty("/service_at_locations/{id}", out _));
    }

    [Fact]
    public async Task A_taxonomy_term_filters_services_as_the_matching_search_filter_does()
    {
        using var anonymous = system.Gateway();
        var terms = (await GetAsync(anonymous, "/oruk/taxonomy_terms?per_page=200")).GetProperty("contents").EnumerateArray().ToList();
        foreach (var (code, filter) in new[] { ("ASD", "need=ASD"), ("specialist", "tier=specialist"), ("online", "deliveryMode=online"), ("physiotherapy", "serviceType=physiotherapy") })
        {
            var term = terms.Single(t => t.GetProperty("term").GetString() == code).GetProperty("id").GetString();
            var oruk = await GetAsync(anonymous, $"/oruk/services?taxonomy_term_id={term}");
            var search = await GetAsync(anonymous, $"/api/catalogue/search?{filter}&pageSize=1");
            Assert.True(search.GetProperty("total").GetInt32() > 0, filter);
            Assert.Equal(search.GetProperty("total").GetInt32(), oruk.GetProperty("total_items").GetInt32());
        }

        var unknown = await GetAsync(anonymous, $"/oruk/services?taxonomy_term_id={Guid.NewGuid()}");
        Assert.Equal(0, unknown.GetProperty("total_items").GetInt32());
    }

    [Fact]
    public async Task Age_filters_keep_services_within_the_ages_given()
    {
        using var anonymous = system.Gateway();
        var page = await GetAsync(anonymous, "/oruk/services?minimum_age=5&maximum_age=18&per_page=200");
        Assert.True(page.GetProperty("total_items").GetInt32() > 0);
        foreach (var service in page.GetProperty("contents").EnumerateArray())
        {
            Assert.InRange(service.GetProperty("minimum_age").GetDouble(), 5, 18);
            Assert.InRange(service.GetProperty("maximum_age").GetDouble(), 5, 18);
        }
    }

    [Theory]
    [InlineData("/oruk/services?page=0", "page")]
    [InlineData("/oruk/services?per_page=1000", "per_page")]
    [InlineData("/oruk/services?minimum_age=old", "minimum_age")]
    [InlineData("/oruk/services?taxonomy_term_id=ASD", "taxonomy_term_id")]
    [InlineData("/oruk/services?day=someday", "day")]
    [InlineData("/oruk/service_at_locations?proximity=500", "proximity")]
    [InlineData("/oruk/service_at_locations?postcode=ZZ99%209ZZ", "postcode")]
    [InlineData("/oruk/taxonomy_terms?per_page=-1", "per_page")]
    public async Task A_bad_parameter_is_a_400_naming_it(string url, string field)
    {
        using var anonymous = system.Gateway();
        var response = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out _), errors.ToString());
    }

    [Fact]
    public async Task A_postcode_and_proximity_find_services_delivered_near_it()
    {
        var catalogue = new Catalogue(system);
        await catalogue.ScalarAsync<int>(
            "INSERT INTO postcodes (postcode, latitude, longitude, local_authority) VALUES ('M11AE', 53.4808, -2.2426, 'E08000003') ON CONFLICT DO NOTHING");
        using var anonymous = system.Gateway();

        var near = await GetAsync(anonymous, "/oruk/service_at_locations?postcode=m1%201ae&proximity=5000&per_page=200");
        await OrukSchemas.AssertValidPageAsync("service_at_location_list.json", near, "services near M1 1AE");
        Assert.True(near.GetProperty("total_items").GetInt32() > 0, "nothing within 5 km of central Manchester");
        foreach (var item in near.GetProperty("contents").EnumerateArray())
        {
            var location = item.GetProperty("location");
            var metres = Haversine(53.4808, -2.2426, location.GetProperty("latitude").GetDouble(), location.GetProperty("longitude").GetDouble());
            Assert.True(metres <= 5000, $"{location.GetProperty("name")} is {metres:0} m away");
        }

        var all = await GetAsync(anonymous, "/oruk/service_at_locations?per_page=1");
        Assert.True(all.GetProperty("total_items").GetInt32() > near.GetProperty("total_items").GetInt32());
    }

    private static double Haversine(double lat1, double lon1, double lat2, double lon2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var a = Math.Pow(Math.Sin(Radians(lat2 - lat1) / 2), 2) + Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Pow(Math.Sin(Radians(lon2 - lon1) / 2), 2);
        return 6_371_000 * 2 * Math.Asin(Math.Sqrt(a));
    }

    private static Task<JsonElement> GetAsync(HttpClient client, string url) => Catalogue.GetJsonAsync(client, url);
}
