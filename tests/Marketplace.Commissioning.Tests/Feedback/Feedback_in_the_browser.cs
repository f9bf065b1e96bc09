using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Marketplace.Testing;
using Microsoft.Playwright;
using static Marketplace.Commissioning.Tests.Feedback.ReviewApi;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.Commissioning.Tests.Feedback;

/// <summary>
/// A visitor reports a problem from the search page (at 320 px wide; another without JavaScript), is told what to correct, sends
/// the feedback; Wigan's officer answers it and publishes the year's summary; a visitor finds and reads it. Every page passes axe.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class Feedback_in_the_browser(MarketplaceSystem system)
{
    [Fact]
    public async Task A_visitor_sends_feedback_from_a_page_and_reads_the_published_you_said_we_did()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        await using var browser = await BrowserSession.StartAsync(system);
        var page = await browser.NewVisitorAsync();

        await page.GotoAsync("/search");
        await page.GetByRole(AriaRole.Link, new() { Name = "Tell us what you think, or report something wrong with this page" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/feedback\\?page=%2Fsearch$"));
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("You are giving feedback about the page /search");
        await BrowserSession.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Send feedback" }).ClickAsync();
        await Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        await Expect(page.Locator(".govuk-error-summary").GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", "#localAuthority");
        await Expect(page.Locator("#comment-error")).ToContainTextAsync("Write your feedback.");
        await BrowserSession.AssertAccessibleAsync(page);

        await page.SetViewportSizeAsync(320, 800);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= 320"), "the feedback form scrolls sideways at 320 px");
        await page.GetByLabel("Which local authority is your feedback about?").SelectOptionAsync("E08000010");
        await page.GetByLabel("How easy the Local Offer is to use, including with assistive technology").CheckAsync();
        await page.GetByLabel("A young person", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Your feedback", new() { Exact = true }).FillAsync($"The filters are hard to use on my phone {tag}");
        await page.GetByLabel("No, it is about the Local Offer in general").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Send feedback" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Feedback sent");
        await BrowserSession.AssertAccessibleAsync(page);

        // The form needs no JavaScript (axe and measurements need it, so this visitor only fills in the form).
        var noScript = await browser.NewVisitorAsync(javaScript: false);
        await noScript.GotoAsync("/feedback?page=/information/advice-and-support");
        await noScript.GetByLabel("Which local authority is your feedback about?").SelectOptionAsync("E08000010");
        await noScript.GetByLabel("How the Local Offer was developed, and how you would like to be involved").CheckAsync();
        await noScript.GetByLabel("Someone else", new() { Exact = true }).CheckAsync();
        await noScript.GetByLabel("Your feedback", new() { Exact = true }).FillAsync($"Without scripts {tag}");
        await noScript.GetByLabel("Yes, it is about my own or my child's situation").CheckAsync();
        await noScript.GetByRole(AriaRole.Button, new() { Name = "Send feedback" }).ClickAsync();
        await Expect(noScript.GetByRole(AriaRole.Main)).ToContainTextAsync("It will not be published");

        // Wigan's officer finds it, answers it, and publishes this year's summary.
        using var officer = await system.SignedInAsync(WiganOfficer);
        var list = await OkJsonAsync(await officer.GetAsync("/api/commissioning/feedback?status=new"));
        var withoutScripts = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("comment").GetString() == $"Without scripts {tag}");
        Assert.True(withoutScripts.GetProperty("individualCase").GetBoolean());
        Assert.Equal("/information/advice-and-support", withoutScripts.GetProperty("pagePath").GetString());
        var item = list.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("comment").GetString() == $"The filters are hard to use on my phone {tag}");
        Assert.Equal("/search", item.GetProperty("pagePath").GetString());
        Assert.Equal("accessibility", item.GetProperty("about").GetString());
        await OkJsonAsync(await RespondAsync(officer, item.GetProperty("id").GetGuid(), "Using the site on a phone",
            $"Young people found the search filters hard to use on phones {tag}", "We made the filters fit small screens",
            "Test the search with young people every term"));
        var year = DateTime.UtcNow.Year;
        await OkJsonAsync(await officer.PostAsync($"/api/commissioning/feedback-summaries/{year}/draft", null));
        await OkJsonAsync(await officer.PostAsync($"/api/commissioning/feedback-summaries/{year}/publication", null));

        var visitor = await browser.NewVisitorAsync();
        await visitor.GotoAsync("/you-said-we-did");
        await BrowserSession.AssertAccessibleAsync(visitor);
        await visitor.GetByLabel("Local authority", new() { Exact = true }).SelectOptionAsync("E08000010");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "Show summaries" }).ClickAsync();
        await visitor.GetByRole(AriaRole.Link, new() { Name = $"You said, we did: {year}" }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"You said, we did: {year}");
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Name = "Using the site on a phone" })).ToBeVisibleAsync();
        await Expect(visitor.GetByRole(AriaRole.Main)).ToContainTextAsync($"Young people found the search filters hard to use on phones {tag}");
        await Expect(visitor.GetByRole(AriaRole.Main)).Not.ToContainTextAsync($"The filters are hard to use on my phone {tag}");
        await BrowserSession.AssertAccessibleAsync(visitor);

        // The printable report.
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Print this page" }).ClickAsync();
        await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"You said, we did: {year}");
        await Expect(visitor.Locator("footer")).ToHaveCountAsync(0);
        await BrowserSession.AssertAccessibleAsync(visitor);
    }
}
