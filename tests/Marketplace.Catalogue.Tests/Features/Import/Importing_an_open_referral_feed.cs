using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.Catalogue.Tests.Features.OpenReferral;
using Marketplace.Testing;

namespace Marketplace.Catalogue.Tests.Features.Import;

/// <summary>An officer imports another directory's Open Referral UK 3.0 feed: out-of-area provision in the Local Offer.</summary>
[Collection(SystemCollection.Name)]
public sealed class Importing_an_open_referral_feed(MarketplaceSystem system)
{
    private const string La = "E06000005";
    private const string ExampleService = "ac148810-d857-441c-9679-408f346de14b";

    private static string Examples => Path.GetFullPath(Path.Combine(OrukSchemas.Folder, "..", "examples"));

    private async Task<HttpClient> OfficerAsync() => system.As(await system.TokenAsync("officer@demo.localoffer.test"));

    private static async Task<HttpResponseMessage> ImportAsync(HttpClient client, string json, string source = "example-directory", string la = La) =>
        await client.PostAsync($"/api/catalogue/imports?source={source}&la={la}", new StringContent(json, Encoding.UTF8, "application/json"));

    [Fact]
    public async Task Every_example_of_the_standard_imports_and_importing_again_updates_rather_than_duplicates()
    {
        var officer = await OfficerAsync();
        var withServices = new[] { "service_full.json", "service_list.json", "service_at_location_full.json", "service_at_location_list.json", "organization_full.json" };
        foreach (var file in Directory.GetFiles(Examples, "*.json").Order())
        {
            var response = await ImportAsync(officer, await File.ReadAllTextAsync(file));
            var report = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{Path.GetFileName(file)}: {(int)response.StatusCode} {report}");
            var done = report.GetProperty("imported").GetInt32() + report.GetProperty("updated").GetInt32();
            Assert.Equal(withServices.Contains(Path.GetFileName(file)) ? 1 : 0, done);
            Assert.Empty(report.GetProperty("rejected").EnumerateArray());
        }

        var catalogue = new Catalogue(system);
        Assert.Equal(1, await catalogue.ScalarAsync<int>("SELECT count(*) FROM catalogue_offers WHERE id = @id::uuid", new { id = ExampleService }));
        Assert.Equal("oruk:example-directory", await catalogue.ScalarAsync<string>("SELECT source FROM catalogue_offers WHERE id = @id::uuid", new { id = ExampleService }));

        using var anonymous = system.Gateway();
        var found = await Catalogue.GetJsonAsync(anonymous, $"/api/catalogue/search?la={La}&q=counselling");
        var item = Assert.Single(found.GetProperty("items").EnumerateArray());
        Assert.Equal("Community Counselling", item.GetProperty("name").GetString());
        Assert.Equal("oruk:example-directory", item.GetProperty("source").GetString());
        Assert.Equal(25, item.GetProperty("maxAge").GetInt32());

        // It is served back out through this directory's own Open Referral API, valid against the schema.
        var service = await Catalogue.GetJsonAsync(anonymous, $"/oruk/services/{ExampleService}");
        await OrukSchemas.AssertValidAsync("service.json", service, "an imported service");
        Assert.Equal(La, service.GetProperty("service_areas")[0].GetProperty("service_area").GetString());

        // A changed record updates the same offer.
        var changed = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Examples, "service_full.json")))!;
        changed["name"] = "Community Counselling and Wellbeing";
        var again = await (await ImportAsync(officer, changed.ToJsonString())).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(1, again.GetProperty("updated").GetInt32());
        Assert.Equal(0, again.GetProperty("imported").GetInt32());
        Assert.Equal("Community Counselling and Wellbeing", (await Catalogue.GetJsonAsync(anonymous, $"/api/catalogue/services/{ExampleService}")).GetProperty("name").GetString());
        Assert.Equal(1, await catalogue.ScalarAsync<int>("SELECT count(*) FROM catalogue_offers WHERE id = @id::uuid", new { id = ExampleService }));
    }

    [Fact]
    public async Task A_partial_feed_imports_the_good_records_and_rejects_the_others_with_reasons()
    {
        var officer = await OfficerAsync();
        var good = Guid.NewGuid();
        var feed = new object[]
        {
            new { id = good, name = "Out of area sensory play", status = "active", minimum_age = 2, maximum_age = 8,
                service_at_locations = new[] { new { id = Guid.NewGuid(), location = new { id = Guid.NewGuid(), location_type = "physical", latitude = 100, longitude = 101 } } } },
            new { id = "not-a-uuid", name = "Bad id", status = "active" },
            new { id = Guid.NewGuid(), status = "active" },
            new { id = Guid.NewGuid(), name = "Closed club", status = "defunct" },
            new { id = Guid.NewGuid(), name = "Adults only", status = "active", minimum_age = 30, maximum_age = 60 },
        };

        var response = await officer.PostAsJsonAsync($"/api/catalogue/imports?source=partial-feed&la={La}", feed);
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(5, report.GetProperty("received").GetInt32());
        Assert.Equal(1, report.GetProperty("imported").GetInt32());
        var reasons = report.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("reason").GetString()!).ToList();
        Assert.Equal(4, reasons.Count);
        Assert.Contains(reasons, r => r.Contains("not a UUID"));
        Assert.Contains(reasons, r => r.Contains("no name"));
        Assert.Contains(reasons, r => r.Contains("defunct"));
        Assert.Contains(reasons, r => r.Contains("0 to 25"));
        Assert.Contains(report.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("impossible coordinates"));

        using var anonymous = system.Gateway();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/catalogue/services/{good}")).StatusCode);
    }

    [Fact]
    public async Task A_feed_that_is_not_json_or_lacks_its_source_is_refused()
    {
        var officer = await OfficerAsync();

        var broken = await ImportAsync(officer, "{ \"id\": ");
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.True((await broken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("body", out _));

        var unnamed = await ImportAsync(officer, "[]", source: "", la: "nowhere");
        var errors = (await unnamed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.True(errors.TryGetProperty("source", out _) && errors.TryGetProperty("la", out _), errors.ToString());
    }

    [Fact]
    public async Task Only_local_authority_officers_can_import()
    {
        var family = system.As(await system.TokenAsync("family@demo.localoffer.test"));
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportAsync(family, "[]")).StatusCode);
    }
}
