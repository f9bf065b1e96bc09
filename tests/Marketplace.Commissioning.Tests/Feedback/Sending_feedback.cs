using System.Net;
using System.Net.Http.Json;
using Dapper;
using Marketplace.Testing;
using Npgsql;
using static Marketplace.Commissioning.Tests.Feedback.ReviewApi;

namespace Marketplace.Commissioning.Tests.Feedback;

/// <summary>Anyone sends feedback without signing in; commissioning checks it, keeps it, and shows it only to the officers of its LA.</summary>
[Collection(SystemCollection.Name)]
public sealed class Sending_feedback(MarketplaceSystem system)
{
    [Fact]
    public async Task Feedback_is_stored_without_the_page_query_and_its_officers_see_it_with_the_contact_details()
    {
        var comment = $"The short breaks page is out of date {Guid.NewGuid():N}";
        using var anonymous = system.Gateway();
        var id = await SendAsync(anonymous, Comment(Manchester, comment));

        using var officer = await system.SignedInAsync(Officer);
        var item = await OkJsonAsync(await officer.GetAsync($"/api/commissioning/feedback/{id}"));
        Assert.Equal(comment, item.GetProperty("comment").GetString());
        Assert.Equal("/search", item.GetProperty("pagePath").GetString());
        Assert.Equal("robin.example@example.org", item.GetProperty("contactEmail").GetString());
        Assert.Equal("new", item.GetProperty("status").GetString());

        var list = await OkJsonAsync(await officer.GetAsync("/api/commissioning/feedback?status=new"));
        Assert.Contains(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
    }

    [Fact]
    public async Task Bad_feedback_is_refused_naming_each_field_and_nothing_is_stored()
    {
        var before = await CountAsync();
        using var anonymous = system.Gateway();
        var response = await anonymous.PostAsJsonAsync("/api/commissioning/feedback", new Dictionary<string, object?>
        {
            ["localAuthority"] = "Manchester",
            ["about"] = "prices",
            ["respondent"] = "robot",
            ["comment"] = "   ",
            ["pagePath"] = "https://elsewhere.example/phish",
            ["contactEmail"] = "not an email",
            ["contactPhone"] = "call me",
        });
        var fields = await ProblemFieldsAsync(response);
        Assert.Equal(
            new HashSet<string> { "localAuthority", "about", "respondent", "comment", "individualCase", "pagePath", "contactEmail", "contactPhone" },
            fields);

        var tooLong = Comment(Manchester, new string('a', 5001));
        Assert.Equal(new HashSet<string> { "comment" }, await ProblemFieldsAsync(await anonymous.PostAsJsonAsync("/api/commissioning/feedback", tooLong)));

        var unreadable = await anonymous.PostAsync("/api/commissioning/feedback", new StringContent("{\"individualCase\": \"maybe\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Contains("individualCase", await ProblemFieldsAsync(unreadable));
        Assert.Equal(before, await CountAsync());
    }

    [Fact]
    public async Task Too_much_feedback_from_one_address_is_refused_by_the_gateway()
    {
        var gateway = await system.StartExtraGatewayAsync("gateway-feedback-limit", new Dictionary<string, string> { ["RateLimiting__FeedbackPerMinute"] = "2" });
        using var client = new HttpClient { BaseAddress = new Uri(gateway) };
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await client.PostAsJsonAsync("/api/commissioning/feedback", Comment(Manchester, $"Rate limit check {i}"))).StatusCode);
        }

        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.Created, HttpStatusCode.TooManyRequests], statuses);
    }

    private async Task<int> CountAsync()
    {
        await using var connection = new NpgsqlConnection(system.ConnectionString("commissioning"));
        return await connection.ExecuteScalarAsync<int>("SELECT count(*) FROM feedback");
    }
}
