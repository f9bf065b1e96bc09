using System.Net;
using Dapper;
using Marketplace.ServiceDefaults.Demo;
using Marketplace.Testing;
using Npgsql;

namespace Marketplace.Onboarding.Tests.Features.Evidence;

[Collection(SystemCollection.Name)]
public sealed class Uploading_evidence(MarketplaceSystem system)
{
    private static readonly string NextYear = DateTime.UtcNow.AddYears(1).ToString("yyyy-MM-dd");

    public static TheoryData<string, byte[], string> BadFiles => new()
    {
        { "notes.pdf", "just some text, not a PDF"u8.ToArray(), "must be a PDF" },
        { "empty.pdf", [], "empty" },
        { "invoice.pdf", [(byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0], "is a program" },
        { "huge.pdf", Huge(), "smaller than 10 MB" },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public async Task A_file_that_is_not_a_document_is_refused_with_a_clear_message_and_nothing_is_stored(string name, byte[] content, string message)
    {
        var provider = await system.SignedInAsync("provider@demo.localoffer.test");
        var before = await CountAsync();

        var response = await provider.PostAsync($"/api/onboarding/providers/{DemoRegion.DemoProviderId}/evidence",
            Api.Evidence("public-liability-insurance", NextYear, content, name));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.JsonAsync()).GetProperty("errors");
        Assert.Contains(message, errors.GetProperty("file")[0].GetString());
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task An_expiry_date_in_the_past_is_refused()
    {
        var provider = await system.SignedInAsync("provider@demo.localoffer.test");
        var response = await provider.PostAsync($"/api/onboarding/providers/{DemoRegion.DemoProviderId}/evidence",
            Api.Evidence("public-liability-insurance", "2020-01-31", Api.Pdf, "old.pdf"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty("expiresOn", out _));
    }

    [Fact]
    public async Task A_document_is_served_back_only_to_its_provider_and_officers_of_its_areas()
    {
        var provider = await system.SignedInAsync("provider@demo.localoffer.test");
        var uploaded = await (await provider.PostAsync($"/api/onboarding/providers/{DemoRegion.DemoProviderId}/evidence",
            Api.Evidence("registration-certificate", NextYear, Api.Pdf, "ofsted certificate.pdf"))).OkJsonAsync();
        var url = $"/api/onboarding/evidence/{uploaded.GetProperty("id").GetGuid()}/file";

        var own = await provider.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        Assert.Equal("application/pdf", own.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Api.Pdf, await own.Content.ReadAsByteArrayAsync());

        Assert.Equal(HttpStatusCode.OK, (await (await system.SignedInAsync("officer@demo.localoffer.test")).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await system.SignedInAsync("provider2@demo.localoffer.test")).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await (await system.SignedInAsync("officer.wigan@demo.localoffer.test")).GetAsync(url)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.Gateway().GetAsync(url)).StatusCode);
    }

    private static byte[] Huge()
    {
        var bytes = new byte[10 * 1024 * 1024 + 1];
        "%PDF-1.7"u8.CopyTo(bytes);
        return bytes;
    }

    private async Task<long> CountAsync()
    {
        await using var connection = new NpgsqlConnection(system.ConnectionString("onboarding"));
        return await connection.ExecuteScalarAsync<long>("SELECT count(*) FROM evidence");
    }
}
