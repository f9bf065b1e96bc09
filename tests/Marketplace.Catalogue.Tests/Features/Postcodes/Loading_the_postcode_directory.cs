using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketplace.Testing;

namespace Marketplace.Catalogue.Tests.Features.Postcodes;

/// <summary>An officer loads the ONS Postcode Directory (here a small sample in its format); search then works from a postcode.</summary>
[Collection(SystemCollection.Name)]
public sealed class Loading_the_postcode_directory(MarketplaceSystem system)
{
    private const string Sample = """
        pcd,pcd2,pcds,dointr,doterm,oscty,oslaua,osward,lat,long
        "M1  1AE","M1  1AE","M1 1AE","199806","","E99999999","E08000003","E05011368",53.480800,-2.242600
        "M1  9ZZ","M1  9ZZ","M1 9ZZ","199806","200512","E99999999","E08000003","E05011368",53.481000,-2.240000
        "ZZ991ZZ","ZZ99 1ZZ","ZZ99 1ZZ","200001","","E99999999","","",99.999999,0.000000
        """;

    private async Task LoadAsync()
    {
        var officer = system.As(await system.TokenAsync("officer@demo.localoffer.test"));
        var response = await officer.PostAsync("/api/catalogue/postcodes", new StringContent(Sample, Encoding.UTF8, "text/csv"));
        var report = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(response.IsSuccessStatusCode, report.ToString());
        Assert.Equal(3, report.GetProperty("read").GetInt32());
        Assert.Equal(1, report.GetProperty("imported").GetInt32());
        Assert.Equal(2, report.GetProperty("skipped").GetInt32());
    }

    [Fact]
    public async Task A_search_from_a_postcode_finds_services_delivered_within_the_distance()
    {
        await LoadAsync();
        using var anonymous = system.Gateway();

        var near = await Catalogue.GetJsonAsync(anonymous, "/api/catalogue/search?postcode=m1%201ae&miles=3&pageSize=10");
        var all = await Catalogue.GetJsonAsync(anonymous, "/api/catalogue/search?pageSize=1");
        Assert.InRange(near.GetProperty("total").GetInt32(), 1, all.GetProperty("total").GetInt32() - 1);
        foreach (var item in near.GetProperty("items").EnumerateArray())
        {
            var service = await Catalogue.GetJsonAsync(anonymous, $"/api/catalogue/services/{item.GetProperty("id").GetString()}");
            var closest = service.GetProperty("locations").EnumerateArray()
                .Where(l => l.GetProperty("latitude").ValueKind == JsonValueKind.Number)
                .Min(l => Miles(53.4808, -2.2426, l.GetProperty("latitude").GetDouble(), l.GetProperty("longitude").GetDouble()));
            Assert.True(closest <= 3, $"{item.GetProperty("name")} is {closest:0.0} miles away");
        }

        // The demand signal records the postcode's local authority, never the postcode.
        var catalogue = new Catalogue(system);
        var body = await catalogue.ScalarAsync<string>(
            "SELECT body::text FROM outbox_messages WHERE message_type = 'Marketplace.Contracts.Catalogue.SearchPerformed' ORDER BY seq DESC OFFSET 1 LIMIT 1");
        Assert.Equal("E08000003", JsonDocument.Parse(body).RootElement.GetProperty("localAuthority").GetString());
        Assert.DoesNotContain("M1", body, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_terminated_or_unknown_postcode_is_refused_with_the_field_named()
    {
        await LoadAsync();
        using var anonymous = system.Gateway();
        foreach (var postcode in new[] { "M1 9ZZ", "ZZ99 1ZZ", "not a postcode" })
        {
            var response = await anonymous.GetAsync($"/api/catalogue/search?postcode={Uri.EscapeDataString(postcode)}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("postcode", out _), postcode);
        }

        var noPostcode = await anonymous.GetAsync("/api/catalogue/search?miles=5");
        Assert.True((await noPostcode.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("miles", out _));
    }

    [Fact]
    public async Task Only_local_authority_officers_can_load_it()
    {
        var family = system.As(await system.TokenAsync("family@demo.localoffer.test"));
        var response = await family.PostAsync("/api/catalogue/postcodes", new StringContent(Sample, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    private static double Miles(double lat1, double lon1, double lat2, double lon2)
    {
        static double Radians(double degrees) => degrees * Math.PI / 180;
        var a = Math.Pow(Math.Sin(Radians(lat2 - lat1) / 2), 2) + Math.Cos(Radians(lat1)) * Math.Cos(Radians(lat2)) * Math.Pow(Math.Sin(Radians(lon2 - lon1) / 2), 2);
        return 6_371_000 * 2 * Math.Asin(Math.Sqrt(a)) / 1609.344;
    }
}
