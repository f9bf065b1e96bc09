using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.ServiceDefaults.Demo;

namespace Marketplace.Testing;

/// <summary>Helpers that drive onboarding through the gateway as the demo provider.</summary>
public static class TestOffers
{
    public static Guid DemoProvider => DemoRegion.DemoProviderId;

    public static Dictionary<string, object?> ValidOffer(string name) => new()
    {
        ["name"] = name,
        ["description"] = "Small group sessions that build confidence with communication.",
        ["serviceType"] = "speech-and-language-therapy",
        ["needs"] = new[] { "SLCN", "ASD" },
        ["provisionArea"] = "health",
        ["tier"] = "targeted",
        ["minAge"] = 4,
        ["maxAge"] = 11,
        ["areasServed"] = new[] { "E08000003" },
        ["deliveryModes"] = new[] { "in-person" },
        ["eligibility"] = "Any child in Manchester.",
        ["howToAccess"] = "Email us.",
        ["costOptions"] = new[] { new { label = "One session", amountPence = 4500, unit = "session" } },
        ["places"] = 8,
        ["budgetEligible"] = true,
        ["schoolsCanBuy"] = false,
        ["contactEmail"] = "hello@example.org",
    };

    public static HttpClient As(this MarketplaceSystem system, string token)
    {
        var client = system.Gateway();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<Guid> CreateAsync(HttpClient provider, Dictionary<string, object?> offer)
    {
        var response = await provider.PostAsJsonAsync($"/api/onboarding/providers/{DemoProvider}/offers", offer);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"create offer: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("id").GetGuid();
    }

    public static async Task PublishAsync(HttpClient provider, Guid offerId)
    {
        var response = await provider.PostAsync($"/api/onboarding/offers/{offerId}/publication", null);
        Assert.True(response.IsSuccessStatusCode, $"publish offer: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Ids of the services an Open Referral search returns.</summary>
    public static async Task<List<Guid>> OrukSearchAsync(HttpClient anonymous, string words)
    {
        var page = await anonymous.GetFromJsonAsync<JsonElement>($"/oruk/services?search={Uri.EscapeDataString(words)}&per_page=50");
        return page.GetProperty("contents").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList();
    }

    public static async Task<List<Guid>> PublicSearchAsync(HttpClient anonymous, string words)
    {
        var page = await anonymous.GetFromJsonAsync<JsonElement>($"/api/catalogue/search?q={Uri.EscapeDataString(words)}");
        return page.GetProperty("items").EnumerateArray().Select(s => s.GetProperty("id").GetGuid()).ToList();
    }
}
