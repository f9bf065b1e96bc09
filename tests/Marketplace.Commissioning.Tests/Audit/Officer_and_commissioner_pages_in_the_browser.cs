using System.Text.RegularExpressions;
using Marketplace.Testing;
using Microsoft.Playwright;
using static Marketplace.Commissioning.Tests.Feedback.ReviewApi;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.Commissioning.Tests.Audit;

/// <summary>
/// The signed-in pages of the review loop and the audit: an officer answers a comment and routes another out, then drafts and
/// publishes last year's summary; the commissioner proposes scores, overrides one with a note and reads the regional report.
/// Every page passes axe.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class Officer_and_commissioner_pages_in_the_browser(MarketplaceSystem system)
{
    [Fact]
    public async Task An_officer_triages_and_publishes_and_a_commissioner_scores_the_Local_Offer()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        using var anonymous = system.Gateway();
        var answerId = await SendAsync(anonymous, Comment(Manchester, $"Answer me {tag}"));
        var routeId = await SendAsync(anonymous, Comment(Manchester, $"Route me {tag}", individual: true));

        await using var browser = await BrowserSession.StartAsync(system);
        var page = await browser.NewVisitorAsync();
        await SignInAsync(page, Officer);

        await page.GotoAsync("/officer/feedback");
        await BrowserSession.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Link, new() { Name = $"Answer me {tag}" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/officer/feedback/{answerId}$"));
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("robin.example@example.org");
        await BrowserSession.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save response" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary").GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", "#theme");
        await BrowserSession.AssertAccessibleAsync(page);
        await page.GetByLabel("Theme", new() { Exact = true }).FillAsync("Finding services");
        await page.GetByLabel("You said (your summary of the comment)").FillAsync("Services were hard to find");
        await page.GetByLabel("We did (the local authority’s response)").FillAsync("We improved the search");
        await page.GetByLabel("Action planned").FillAsync("Ask families again in the summer");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save response" }).ClickAsync();
        await Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Your response is saved");

        await page.GotoAsync($"/officer/feedback/{routeId}");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Save response" })).ToHaveCountAsync(0);
        await page.GetByLabel("The SEND information, advice and support service").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Record as routed out" }).ClickAsync();
        await Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("will never be published");

        var lastYear = DateTime.UtcNow.Year - 1;
        await page.GotoAsync($"/officer/feedback/summary?year={lastYear}");
        await BrowserSession.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Draft the summary" }).ClickAsync();
        await Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("The draft is ready");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync($"You said, we did: {lastYear}");
        await BrowserSession.AssertAccessibleAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish this summary" }).ClickAsync();
        await Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("The summary is published");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "See the published page" })).ToBeVisibleAsync();

        var commissioner = await browser.NewVisitorAsync();
        await SignInAsync(commissioner, Commissioner);
        await commissioner.GotoAsync("/commissioner/audit");
        await commissioner.GetByRole(AriaRole.Button, new() { Name = "Propose scores from the Local Offer now" }).ClickAsync();
        await Expect(commissioner.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Scores are proposed");
        await BrowserSession.AssertAccessibleAsync(commissioner);
        await commissioner.GetByRole(AriaRole.Link, new() { Name = "Admission", Exact = true }).First.ClickAsync();
        await Expect(commissioner).ToHaveURLAsync(new Regex($"/commissioner/audit/{Manchester}/early-years-admission$"));
        await BrowserSession.AssertAccessibleAsync(commissioner);
        await commissioner.GetByLabel("No", new() { Exact = true }).CheckAsync();
        await commissioner.GetByRole(AriaRole.Button, new() { Name = "Save score" }).ClickAsync();
        var noteRequired = commissioner.Locator("#note-error");
        var saved = commissioner.Locator(".govuk-notification-banner--success");
        await Expect(noteRequired.Or(saved)).ToBeVisibleAsync();
        if (await noteRequired.IsVisibleAsync())
        {
            await BrowserSession.AssertAccessibleAsync(commissioner);
            await commissioner.GetByLabel("Note", new() { Exact = true }).FillAsync("The page does not explain eligibility for 2 year olds");
            await commissioner.GetByRole(AriaRole.Button, new() { Name = "Save score" }).ClickAsync();
        }

        await Expect(saved).ToContainTextAsync("Admission: No is recorded");
        await commissioner.GetByRole(AriaRole.Link, new() { Name = "Regional report across local authorities" }).ClickAsync();
        await Expect(commissioner.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Local Offer audit: regional report");
        await Expect(commissioner.GetByRole(AriaRole.Rowheader, new() { Name = "Manchester" })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(commissioner);
        var download = await commissioner.RunAndWaitForDownloadAsync(() => commissioner.GetByRole(AriaRole.Link, new() { Name = "Download CSV of every score" }).ClickAsync());
        Assert.Equal("local-offer-audit.csv", download.SuggestedFilename);
    }

    private async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email address").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(system.DemoPassword);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }
}
