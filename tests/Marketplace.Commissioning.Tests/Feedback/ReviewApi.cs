using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Testing;

namespace Marketplace.Commissioning.Tests.Feedback;

/// <summary>Small helpers for driving the review loop through the gateway.</summary>
public static class ReviewApi
{
    public const string Manchester = "E08000003";
    public const string Wigan = "E08000010";
    public const string Officer = "officer@demo.localoffer.test";
    public const string WiganOfficer = "officer.wigan@demo.localoffer.test";
    public const string Commissioner = "commissioner@demo.localoffer.test";
    public const string Family = "family@demo.localoffer.test";

    public static async Task<HttpClient> SignedInAsync(this MarketplaceSystem system, string user) => system.As(await system.TokenAsync(user));

    public static Dictionary<string, object?> Comment(string la, string comment, bool individual = false) => new()
    {
        ["localAuthority"] = la,
        ["about"] = "content",
        ["respondent"] = "parent-carer",
        ["comment"] = comment,
        ["pagePath"] = "/search?q=speech&postcode=M1%201AA",
        ["individualCase"] = individual,
        ["contactName"] = "Robin Example",
        ["contactEmail"] = "robin.example@example.org",
        ["contactPhone"] = "0161 496 0123",
    };

    public static async Task<Guid> SendAsync(HttpClient client, Dictionary<string, object?> feedback)
    {
        var json = await OkJsonAsync(await client.PostAsJsonAsync("/api/commissioning/feedback", feedback));
        return json.GetProperty("id").GetGuid();
    }

    public static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(string.IsNullOrEmpty(body) ? "{}" : body).RootElement;
    }

    /// <summary>The field names of a 400 problem's <c>errors</c>.</summary>
    public static async Task<HashSet<string>> ProblemFieldsAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == 400, $"expected 400, got {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("errors").EnumerateObject().Select(p => p.Name).ToHashSet();
    }

    public static Task<HttpResponseMessage> RespondAsync(HttpClient officer, Guid id, string theme, string youSaid, string response, string action) =>
        officer.PostAsJsonAsync($"/api/commissioning/feedback/{id}/response", new { theme, youSaid, response, actionPlanned = action });
}
