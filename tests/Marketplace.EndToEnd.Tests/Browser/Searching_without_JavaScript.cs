using System.Text.RegularExpressions;
using Marketplace.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.EndToEnd.Tests.Browser;

/// <summary>
/// Progressive enhancement: JavaScript only improves the pages. With it switched off, a family can still search
/// from the home page and open a service.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class Searching_without_JavaScript(MarketplaceSystem system)
{
    [Fact]
    public async Task The_home_page_form_reaches_the_results_and_a_service_page()
    {
        await using var browser = await BrowserSession.StartAsync(system);
        var family = await browser.NewVisitorAsync(javaScript: false);
        Assert.False(await JavaScriptRunsAsync(family), "the context was meant to have JavaScript switched off");

        await family.GotoAsync("/");
        await family.GetByLabel("Search the Local Offer", new() { Exact = true }).FillAsync("speech therapy");
        await family.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        await Expect(family).ToHaveURLAsync(new Regex(@"/search\?q=speech(\+|%20)therapy"));
        var main = family.GetByRole(AriaRole.Main);
        await Expect(main.GetByRole(AriaRole.Heading, new() { Level = 2, NameRegex = new Regex(@"^\d+ results?$") })).ToBeVisibleAsync();
        await Expect(main.GetByLabel("Search for")).ToHaveValueAsync("speech therapy");
        var results = main.Locator(".app-result h3 a");
        Assert.True(await results.CountAsync() > 0, "no result links without JavaScript");

        var first = results.First;
        var name = (await first.InnerTextAsync()).Trim();
        await first.ClickAsync();
        await Expect(family).ToHaveURLAsync(new Regex("/services/[0-9a-f-]{36}$"));
        await Expect(family.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
    }

    /// <summary>Whether page scripts run: the layout's module script is the only thing that adds govuk-frontend's class.</summary>
    private static async Task<bool> JavaScriptRunsAsync(IPage page)
    {
        await page.GotoAsync("/");
        return await page.Locator("body.govuk-frontend-supported").CountAsync() > 0;
    }
}
