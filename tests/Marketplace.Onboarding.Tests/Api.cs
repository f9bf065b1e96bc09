using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Marketplace.Testing;

namespace Marketplace.Onboarding.Tests;

/// <summary>Small helpers for driving onboarding through the gateway.</summary>
public static class Api
{
    public static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    public static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52];

    public static async Task<HttpClient> SignedInAsync(this MarketplaceSystem system, string user) => system.As(await system.TokenAsync(user));

    public static Dictionary<string, object?> Registration(string name, params string[] areas) => new()
    {
        ["name"] = name,
        ["sector"] = "voluntary",
        ["contactName"] = "Casey Lee",
        ["contactEmail"] = "casey@example.org",
        ["contactPhone"] = "0161 496 0000",
        ["areasServed"] = areas,
        ["charityNumber"] = "1123456",
        ["companyNumber"] = "01234567",
    };

    public static MultipartFormDataContent Evidence(string kind, string? expiresOn, byte[] content, string fileName)
    {
        var form = new MultipartFormDataContent { { new StringContent(kind), "kind" } };
        if (expiresOn is not null)
        {
            form.Add(new StringContent(expiresOn), "expiresOn");
        }

        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", fileName);
        return form;
    }

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(string.IsNullOrEmpty(body) ? "{}" : body).RootElement;
    }

    public static async Task<JsonElement> OkJsonAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(string.IsNullOrEmpty(body) ? "{}" : body).RootElement;
    }

    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);

    /// <summary>The claims of an access token (the test only reads them; services validate them).</summary>
    public static JsonElement Claims(string token)
    {
        var payload = token.Split('.')[1].Replace('-', '+').Replace('_', '/');
        payload = payload.PadRight(payload.Length + (4 - payload.Length % 4) % 4, '=');
        return JsonDocument.Parse(Convert.FromBase64String(payload)).RootElement;
    }
}
