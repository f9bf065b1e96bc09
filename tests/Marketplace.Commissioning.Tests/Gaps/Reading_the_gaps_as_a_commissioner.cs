using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Dapper;
using Marketplace.Testing;
using Npgsql;

namespace Marketplace.Commissioning.Tests.Gaps;

/// <summary>The gap API through the gateway: counted from real events, suppressed in JSON and CSV, one LA's figures only.</summary>
[Collection(SystemCollection.Name)]
public sealed class Reading_the_gaps_as_a_commissioner(MarketplaceSystem system) : IAsyncLifetime
{
    private const string Commissioner = "commissioner@demo.localoffer.test";
    private static readonly string[] CountColumns =
    [
        "children", "children_per_place", "searches", "unmet_searches", "unmet_per_100_children", "orders_placed", "orders_accepted",
        "declined_for_capacity", "decline_share_percent", "median_weeks_to_acceptance", "region_median_children",
    ];

    public Task InitializeAsync() => GapEvents.EnsurePublishedAsync(system);

    public Task DisposeAsync() => Task.CompletedTask;

    private async Task<HttpResponseMessage> GetAsync(string path, string? user = Commissioner, string accept = "application/json")
    {
        using var client = system.Gateway();
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await system.TokenAsync(user));
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return await client.SendAsync(request);
    }

    private async Task<JsonElement> CellAsync(string query = "")
    {
        var response = await GetAsync($"/api/commissioning/gaps?need={GapEvents.Need}&ageBand={GapEvents.AgeBand}{query}");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return Assert.Single(JsonDocument.Parse(body).RootElement.GetProperty("rows").EnumerateArray());
    }

    [Fact]
    public async Task Events_are_counted_once_and_small_numbers_are_suppressed_in_json()
    {
        var cell = await CellAsync();
        Assert.Equal(GapEvents.Manchester, cell.GetProperty("area").GetString());
        Assert.Equal("<5", cell.GetProperty("ordersPlaced").GetString());     // 3 orders, one delivered twice
        Assert.Equal("7", cell.GetProperty("searches").GetString());
        Assert.Equal("7", cell.GetProperty("unmetSearches").GetString());
        Assert.Equal("<5", cell.GetProperty("children").GetString());         // 2 children
        Assert.Equal("<5", cell.GetProperty("unmetPer100Children").GetString());
        Assert.Equal("<5", cell.GetProperty("childrenPerPlace").GetString());
        Assert.Equal("0", cell.GetProperty("declinedForCapacity").GetString());
        Assert.True(int.Parse(cell.GetProperty("places").GetString()!) >= 3);

        await using var commissioning = new NpgsqlConnection(system.ConnectionString("commissioning"));
        Assert.Equal(3, await commissioning.ExecuteScalarAsync<int>("SELECT count(*) FROM orders WHERE offer_id = @OfferId", new { GapEvents.OfferId }));
        Assert.Equal(3, await commissioning.ExecuteScalarAsync<int>(
            "SELECT sum(orders_placed) FROM gap_by_month WHERE la = @Manchester AND need = @Need AND age_band = @AgeBand",
            new { GapEvents.Manchester, GapEvents.Need, GapEvents.AgeBand }));
        // Spend is the invoice's total (£35), not the delivered amount (£40); the delivery still counts as one.
        Assert.Equal($"1/{GapEvents.InvoicedPence}", await commissioning.ExecuteScalarAsync<string>(
            "SELECT sum(orders_delivered) || '/' || sum(spend_pence) FROM gap_by_month WHERE la = @Manchester AND need = @Need AND age_band = @AgeBand",
            new { GapEvents.Manchester, GapEvents.Need, GapEvents.AgeBand }));
        Assert.Equal("<5", cell.GetProperty("spend").GetString());
    }

    [Fact]
    public async Task No_csv_count_column_shows_a_number_from_1_to_4()
    {
        var response = await GetAsync("/api/commissioning/gaps", accept: "text/csv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/csv", response.Content.Headers.ContentType?.ToString());
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var header = lines[0].Split(',');
        Assert.Equal(61, lines.Length); // 12 needs x 5 age bands
        var row = SplitCsv(lines.Single(l => l.Contains($",{GapEvents.Need},") && l.Contains($",{GapEvents.AgeBand},")));
        Assert.Equal("<5", row[Array.IndexOf(header, "orders_placed")]);
        Assert.Equal("7", row[Array.IndexOf(header, "unmet_searches")]);
        foreach (var line in lines.Skip(1))
        {
            var fields = SplitCsv(line);
            foreach (var column in CountColumns)
            {
                Assert.DoesNotMatch("^[1-4]$", fields[Array.IndexOf(header, column)]);
            }
        }
    }

    /// <summary>Area names may hold commas inside quotes; the figures never do.</summary>
    private static string[] SplitCsv(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        foreach (var c in line)
        {
            if (c == '"') { quoted = !quoted; continue; }
            if (c == ',' && !quoted) { fields.Add(current.ToString()); current.Clear(); continue; }
            current.Append(c);
        }

        fields.Add(current.ToString());
        return [.. fields];
    }

    [Fact]
    public async Task A_commissioner_reads_no_other_authority_and_only_their_regions_totals()
    {
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/api/commissioning/gaps?la=E08000010")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/api/commissioning/gaps/offers?la=E08000010&need=ASD")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/api/commissioning/gaps?region=E12000007")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await GetAsync("/api/commissioning/gaps", "officer@demo.localoffer.test")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await GetAsync("/api/commissioning/gaps", user: null)).StatusCode);

        var region = await GetAsync($"/api/commissioning/gaps?region=E12000002&need={GapEvents.Need}&ageBand={GapEvents.AgeBand}");
        var body = JsonDocument.Parse(await region.Content.ReadAsStringAsync()).RootElement;
        var row = Assert.Single(body.GetProperty("rows").EnumerateArray());
        Assert.Equal("E12000002", row.GetProperty("area").GetString());
        Assert.Equal("<5", row.GetProperty("ordersPlaced").GetString()); // the region's total is still only Manchester's 3
        Assert.Equal(JsonValueKind.Null, row.GetProperty("score").ValueKind);
    }

    [Fact]
    public async Task Bad_filters_are_refused_with_the_field_named()
    {
        var response = await GetAsync("/api/commissioning/gaps?need=XYZ&from=2026-13");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty("need", out _));
        Assert.True(errors.TryGetProperty("from", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync("/api/commissioning/gaps/trend?need=ASD")).StatusCode);
    }

    [Fact]
    public async Task The_trend_and_the_offers_behind_a_cell_are_there()
    {
        var trend = JsonDocument.Parse(await (await GetAsync($"/api/commissioning/gaps/trend?need={GapEvents.Need}&ageBand={GapEvents.AgeBand}")).Content.ReadAsStringAsync()).RootElement;
        var months = trend.GetProperty("months").EnumerateArray().ToList();
        Assert.Equal(12, months.Count);
        Assert.Equal("7", months[^1].GetProperty("unmetSearches").GetString());
        Assert.Equal("<5", months[^1].GetProperty("ordersPlaced").GetString());

        var offers = JsonDocument.Parse(await (await GetAsync($"/api/commissioning/gaps/offers?need={GapEvents.Need}&ageBand={GapEvents.AgeBand}")).Content.ReadAsStringAsync()).RootElement;
        Assert.Contains(offers.EnumerateArray(), o => o.GetProperty("offerId").GetGuid() == GapEvents.OfferId);
    }

    [Fact]
    public async Task A_rebuild_on_demand_gives_the_numbers_the_events_gave()
    {
        await using var commissioning = new NpgsqlConnection(system.ConnectionString("commissioning"));
        const string snapshot = """
            SELECT string_agg(r::text, E'\n' ORDER BY r::text) FROM (SELECT * FROM gap_by_month) r
            """;
        var before = await commissioning.ExecuteScalarAsync<string>(snapshot);
        using var client = system.Gateway();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/commissioning/rollups/rebuild");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await system.TokenAsync(Commissioner));
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(before, await commissioning.ExecuteScalarAsync<string>(snapshot));
        Assert.Contains(GapEvents.Need, before);
    }

    [Fact]
    public async Task The_baseline_was_imported_at_start_and_can_be_imported_again()
    {
        using var client = system.Gateway();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/commissioning/baseline/imports");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await system.TokenAsync("officer@demo.localoffer.test"));
        var reports = JsonDocument.Parse(await (await client.SendAsync(request)).Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToList();
        Assert.Contains(reports, r => r.GetProperty("file").GetString() == "ehc-plans" && r.GetProperty("rowsImported").GetInt32() == 153);

        using var bad = new HttpRequestMessage(HttpMethod.Post, "/api/commissioning/baseline/imports?file=ehc-plans")
        {
            Content = new StringContent("la,children\nE08000003,5\n", System.Text.Encoding.UTF8, "text/csv"),
        };
        bad.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await system.TokenAsync(Commissioner));
        var refused = await client.SendAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("number_asd", await refused.Content.ReadAsStringAsync());
    }
}
