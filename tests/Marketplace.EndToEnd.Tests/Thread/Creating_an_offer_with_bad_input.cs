using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Marketplace.Testing;
using Npgsql;

namespace Marketplace.EndToEnd.Tests.Thread;

[Collection(SystemCollection.Name)]
public sealed class Creating_an_offer_with_bad_input(MarketplaceSystem system)
{
    public static TheoryData<string, string, object?> Cases => new()
    {
        { "name", "name", null },
        { "name", "name", "   " },
        { "maxAge", "ages", null },
        { "needs", "needs", new[] { "ASD", "XYZ" } },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Is_refused_with_the_field_named_and_stores_nothing(string field, string change, object? value)
    {
        var provider = system.As(await system.TokenAsync("provider@demo.localoffer.test"));
        var offer = TestOffers.ValidOffer($"Bad input {Guid.NewGuid():N}");
        switch (change)
        {
            case "ages":
                offer["minAge"] = 30;
                offer["maxAge"] = 10;
                break;
            default:
                offer[change] = value;
                break;
        }

        var before = await CountOffersAsync();
        var response = await provider.PostAsJsonAsync($"/api/onboarding/providers/{TestOffers.DemoProvider}/offers", offer);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        var errors = problem.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for {field}: {problem}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
        if (change == "needs")
        {
            Assert.Contains("XYZ", messages[0].GetString());
        }

        Assert.Equal(before, await CountOffersAsync());
    }

    [Fact]
    public async Task A_number_sent_as_text_is_refused_with_the_field_named()
    {
        var provider = system.As(await system.TokenAsync("provider@demo.localoffer.test"));
        var body = new StringContent("""{"name":"Typed wrongly","minAge":"four"}""", System.Text.Encoding.UTF8, "application/json");
        var before = await CountOffersAsync();

        var response = await provider.PostAsync($"/api/onboarding/providers/{TestOffers.DemoProvider}/offers", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.True(problem.GetProperty("errors").TryGetProperty("minAge", out _), problem.ToString());
        Assert.Equal(before, await CountOffersAsync());
    }

    private async Task<long> CountOffersAsync()
    {
        await using var connection = new NpgsqlConnection(system.ConnectionString("onboarding"));
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM offers");
    }
}
