using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Marketplace.Purchasing.Demo;
using Marketplace.ServiceDefaults.Demo;
using Marketplace.Testing;
using Npgsql;

namespace Marketplace.Purchasing.Tests.Features.Schools;

/// <summary>The demo school (its sign-in's organisation is its URN) orders on its seeded account through the gateway.</summary>
[Collection(SystemCollection.Name)]
public sealed class A_school_ordering_through_the_gateway(MarketplaceSystem system)
{
    private async Task<HttpClient> SignedInAsync(string user) => system.As(await system.TokenAsync($"{user}@{DemoRegion.EmailDomain}"));

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(string.IsNullOrEmpty(body) ? "{}" : body).RootElement;
    }

    private sealed class SchoolOffer
    {
        public Guid Id { get; set; }
        public int Version { get; set; }
        public long Price { get; set; }
    }

    [Fact]
    public async Task The_school_orders_with_a_purchase_order_number_within_its_cap()
    {
        var school = await SignedInAsync("school");
        var provider = await SignedInAsync("provider");
        var family = await SignedInAsync("family");
        var wigan = await SignedInAsync("officer.wigan");
        var officer = await SignedInAsync("officer");
        SchoolOffer? offer = null;
        await Eventually.Async(async () =>
        {
            await using var connection = new NpgsqlConnection(system.ConnectionString("purchasing"));
            offer = await connection.QueryFirstOrDefaultAsync<SchoolOffer>(
                """
                SELECT id, version, (cost_options -> 0 ->> 'amountPence')::bigint AS price FROM purchasing_offers
                WHERE provider_id = @provider AND status = 'published' AND schools_can_buy AND (cost_options -> 0 ->> 'amountPence')::bigint > 0
                ORDER BY id LIMIT 1
                """, new { provider = DemoRegion.DemoProviderId });
            return offer is not null;
        }, TimeSpan.FromSeconds(60), "a demo offer schools can buy in purchasing's read model");

        var accountUrl = $"/api/purchasing/schools/{DemoBuyersSeeder.SchoolUrn}";
        var before = await JsonAsync(await school.GetAsync(accountUrl), HttpStatusCode.OK);
        Assert.Equal(DemoBuyersSeeder.SchoolAnnualCapPence, before.GetProperty("annualCapPence").GetInt64());
        Assert.Contains($"school@{DemoRegion.EmailDomain}", before.GetProperty("staffEmails").EnumerateArray().Select(e => e.GetString()));
        await JsonAsync(await officer.GetAsync(accountUrl), HttpStatusCode.OK);
        await JsonAsync(await wigan.GetAsync(accountUrl), HttpStatusCode.NotFound);
        await JsonAsync(await family.GetAsync(accountUrl), HttpStatusCode.Forbidden);

        var order = new
        {
            offerId = offer!.Id, offerVersion = offer.Version, costOptionIndex = 0, quantity = 1, forReference = "Year 5 class",
            funding = new { type = "school-account", purchaseOrderNumber = "OAK-PO-0042" },
        };
        var placed = await JsonAsync(await school.PostAsJsonAsync("/api/purchasing/orders", order), HttpStatusCode.Created);
        var orderId = placed.GetProperty("id").GetGuid();
        Assert.Equal("OAK-PO-0042", placed.GetProperty("purchaseOrderNumber").GetString());
        Assert.Equal(DemoRegion.HomeLocalAuthority, placed.GetProperty("localAuthority").GetString());
        var refused = await JsonAsync(await family.PostAsJsonAsync("/api/purchasing/orders", order), HttpStatusCode.Forbidden);
        Assert.Equal("not-a-school", refused.GetProperty("reason").GetString());

        var after = await JsonAsync(await school.GetAsync(accountUrl), HttpStatusCode.OK);
        Assert.Equal(before.GetProperty("committedPence").GetInt64() + offer.Price, after.GetProperty("committedPence").GetInt64());
        Assert.Equal(before.GetProperty("remainingPence").GetInt64() - offer.Price, after.GetProperty("remainingPence").GetInt64());
        Assert.Contains((await JsonAsync(await provider.GetAsync("/api/purchasing/orders"), HttpStatusCode.OK)).EnumerateArray(),
            o => o.GetProperty("id").GetGuid() == orderId && o.GetProperty("purchaseOrderNumber").GetString() == "OAK-PO-0042");
        Assert.Contains((await JsonAsync(await school.GetAsync("/api/purchasing/orders"), HttpStatusCode.OK)).EnumerateArray(),
            o => o.GetProperty("id").GetGuid() == orderId);
    }
}
