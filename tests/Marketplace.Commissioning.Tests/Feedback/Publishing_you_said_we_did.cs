using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;
using static Marketplace.Commissioning.Tests.Feedback.ReviewApi;

namespace Marketplace.Commissioning.Tests.Feedback;

/// <summary>
/// The yearly summary publishes only what officers wrote: never a comment from the public as sent, never contact details, and
/// nothing of an individual case (not even its summary), in the API or on the public page.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class Publishing_you_said_we_did(MarketplaceSystem system)
{
    [Fact]
    public async Task The_published_summary_holds_the_officers_words_and_nothing_private()
    {
        var year = DateTime.UtcNow.Year;
        var tag = Guid.NewGuid().ToString("N")[..10];
        var publicComment = $"Verbatim public words {tag}";
        var privateComment = $"My daughter Amelia at Oak School {tag}";
        var contactName = $"Sam Private{tag}";
        var contactEmail = $"sam.{tag}@example.org";
        var individualTheme = $"Individual theme {tag}";

        using var anonymous = system.Gateway();
        var general = Comment(Manchester, publicComment);
        general["contactName"] = contactName;
        general["contactEmail"] = contactEmail;
        var generalId = await SendAsync(anonymous, general);
        var individual = Comment(Manchester, privateComment, individual: true);
        individual["contactName"] = contactName;
        individual["contactEmail"] = contactEmail;
        var individualId = await SendAsync(anonymous, individual);
        // A comment that is not marked individual at first, but that the officer routes out after answering it.
        var lateId = await SendAsync(anonymous, Comment(Manchester, $"Late routed {tag}"));

        using var officer = await system.SignedInAsync(Officer);
        await OkJsonAsync(await RespondAsync(officer, generalId, $"Short breaks {tag}", $"Families said short breaks were hard to find {tag}",
            $"We added a short breaks page {tag}", $"Review the page with the parent carer forum {tag}"));
        await OkJsonAsync(await RespondAsync(officer, lateId, individualTheme, $"Individual summary {tag}", $"Individual response {tag}", $"Individual action {tag}"));
        await OkJsonAsync(await officer.PostAsJsonAsync($"/api/commissioning/feedback/{lateId}/routing", new { routedTo = "casework" }));
        await OkJsonAsync(await officer.PostAsJsonAsync($"/api/commissioning/feedback/{individualId}/routing", new { routedTo = "advice-and-support" }));

        // Nothing is public until an officer publishes a draft.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/commissioning/you-said-we-did/{Manchester}/{year}")).StatusCode);
        var draft = await OkJsonAsync(await officer.PostAsync($"/api/commissioning/feedback-summaries/{year}/draft", null));
        Assert.Equal("draft", draft.GetProperty("status").GetString());
        using var wigan = await system.SignedInAsync(WiganOfficer);
        Assert.Equal(HttpStatusCode.Conflict, (await wigan.PostAsync($"/api/commissioning/feedback-summaries/{year}/publication", null)).StatusCode);
        await OkJsonAsync(await officer.PostAsync($"/api/commissioning/feedback-summaries/{year}/publication", null));
        Assert.Equal(HttpStatusCode.Conflict, (await officer.PostAsync($"/api/commissioning/feedback-summaries/{year}/draft", null)).StatusCode);

        var years = await OkJsonAsync(await anonymous.GetAsync($"/api/commissioning/you-said-we-did/{Manchester}"));
        Assert.Contains(year, years.GetProperty("years").EnumerateArray().Select(y => y.GetInt32()));
        var published = await anonymous.GetStringAsync($"/api/commissioning/you-said-we-did/{Manchester}/{year}");
        var page = await anonymous.GetStringAsync($"/you-said-we-did/{Manchester}/{year}");
        foreach (var text in new[] { published, page })
        {
            Assert.Contains($"We added a short breaks page {tag}", text);
            Assert.Contains($"Families said short breaks were hard to find {tag}", text);
            Assert.Contains($"Review the page with the parent carer forum {tag}", text);
            Assert.Contains("fewer than 5", text);
            foreach (var secret in new[] { publicComment, privateComment, contactName, contactEmail, "0161 496 0123", individualTheme, $"Individual summary {tag}", $"Late routed {tag}" })
            {
                Assert.DoesNotContain(secret, text);
            }
        }
    }
}
