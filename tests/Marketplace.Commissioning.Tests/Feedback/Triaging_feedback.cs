using System.Net;
using System.Net.Http.Json;
using Marketplace.Testing;
using static Marketplace.Commissioning.Tests.Feedback.ReviewApi;

namespace Marketplace.Commissioning.Tests.Feedback;

/// <summary>Only officers of the LA a comment is about can read, answer or route it; the service checks, not only the gateway.</summary>
[Collection(SystemCollection.Name)]
public sealed class Triaging_feedback(MarketplaceSystem system)
{
    [Fact]
    public async Task An_officer_of_another_LA_can_neither_see_nor_change_it_and_other_roles_are_refused()
    {
        using var anonymous = system.Gateway();
        var id = await SendAsync(anonymous, Comment(Manchester, $"Isolation {Guid.NewGuid():N}"));

        using var wigan = await system.SignedInAsync(WiganOfficer);
        Assert.Equal(HttpStatusCode.NotFound, (await wigan.GetAsync($"/api/commissioning/feedback/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await RespondAsync(wigan, id, "Theme", "Said", "Did", "Plan")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await wigan.PostAsJsonAsync($"/api/commissioning/feedback/{id}/routing", new { routedTo = "casework" })).StatusCode);
        var list = await OkJsonAsync(await wigan.GetAsync("/api/commissioning/feedback"));
        Assert.DoesNotContain(list.GetProperty("items").EnumerateArray(), i => i.GetProperty("id").GetGuid() == id);
        Assert.All(list.GetProperty("items").EnumerateArray(), i => Assert.Equal(Wigan, i.GetProperty("localAuthority").GetString()));

        foreach (var user in new[] { Family, Commissioner })
        {
            using var other = await system.SignedInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync("/api/commissioning/feedback")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await other.GetAsync($"/api/commissioning/feedback/{id}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/commissioning/feedback")).StatusCode);

        using var officer = await system.SignedInAsync(Officer);
        var item = await OkJsonAsync(await officer.GetAsync($"/api/commissioning/feedback/{id}"));
        Assert.Equal("new", item.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_response_needs_every_field_and_an_individual_case_can_only_be_routed_out()
    {
        using var anonymous = system.Gateway();
        var general = await SendAsync(anonymous, Comment(Manchester, $"General {Guid.NewGuid():N}"));
        var individual = await SendAsync(anonymous, Comment(Manchester, $"My son's plan {Guid.NewGuid():N}", individual: true));
        using var officer = await system.SignedInAsync(Officer);

        Assert.Equal(new HashSet<string> { "theme", "youSaid", "response", "actionPlanned" },
            await ProblemFieldsAsync(await officer.PostAsJsonAsync($"/api/commissioning/feedback/{general}/response", new { theme = " " })));
        Assert.Contains("id", await ProblemFieldsAsync(await RespondAsync(officer, individual, "Plans", "Said", "Did", "Plan")));
        Assert.Equal(new HashSet<string> { "routedTo" },
            await ProblemFieldsAsync(await officer.PostAsJsonAsync($"/api/commissioning/feedback/{individual}/routing", new { routedTo = "the bin" })));

        await OkJsonAsync(await officer.PostAsJsonAsync($"/api/commissioning/feedback/{individual}/routing", new { routedTo = "advice-and-support" }));
        var routed = await OkJsonAsync(await officer.GetAsync($"/api/commissioning/feedback/{individual}"));
        Assert.Equal("routed-out", routed.GetProperty("status").GetString());
        Assert.Equal("advice-and-support", routed.GetProperty("routedTo").GetString());
        Assert.Contains("id", await ProblemFieldsAsync(await RespondAsync(officer, individual, "Plans", "Said", "Did", "Plan")));

        await OkJsonAsync(await RespondAsync(officer, general, "Search", "Searching was hard", "We simplified it", "Test with families in spring"));
        var responded = await OkJsonAsync(await officer.GetAsync($"/api/commissioning/feedback/{general}"));
        Assert.Equal("responded", responded.GetProperty("status").GetString());
        Assert.Equal("Search", responded.GetProperty("theme").GetString());
    }
}
