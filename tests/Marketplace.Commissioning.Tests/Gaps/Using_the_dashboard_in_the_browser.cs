using System.Text.RegularExpressions;
using Marketplace.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.Commissioning.Tests.Gaps;

/// <summary>
/// The commissioner signs in and lands on the dashboard; filters without JavaScript, drills into a cell, compares
/// with the region and downloads the CSV. Every page passes axe's WCAG 2.2 AA rules and shows small numbers as "&lt;5".
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class Using_the_dashboard_in_the_browser(MarketplaceSystem system) : IAsyncLifetime
{
    public Task InitializeAsync() => GapEvents.EnsurePublishedAsync(system);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_commissioner_reads_filters_and_drills_down_to_the_offers()
    {
        await using var browser = await BrowserSession.StartAsync(system);
        var page = await SignInAsync(browser, javaScript: true);

        await Expect(page).ToHaveURLAsync(new Regex("/commissioning$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Demand and gaps", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Demand and gaps" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.Locator("svg[role=img] title").First).ToHaveTextAsync("Gap score of the widest gaps");
        await BrowserSession.AssertAccessibleAsync(page);

        // Filters are a GET form: they work without JavaScript and give a link to the view.
        var plain = await SignInAsync(browser, javaScript: false);
        await plain.GetByText("Filter the figures").ClickAsync();
        await plain.GetByLabel("Need", new() { Exact = true }).SelectOptionAsync("MSI");
        await plain.GetByRole(AriaRole.Button, new() { Name = "Show figures" }).ClickAsync();
        await Expect(plain).ToHaveURLAsync(new Regex("need=MSI"));
        await Expect(plain.GetByRole(AriaRole.Row).Filter(new() { HasText = "MSI, 20 to 25" }).Last).ToContainTextAsync("<5");

        await page.GetByText("Filter the figures").ClickAsync();
        await page.GetByLabel("Need", new() { Exact = true }).SelectOptionAsync("MSI");
        await page.GetByLabel("Age band", new() { Exact = true }).SelectOptionAsync("20-25");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show figures" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("need=MSI"));
        var row = page.GetByRole(AriaRole.Row).Filter(new() { HasText = "MSI, 20 to 25" }).Last;
        await Expect(row).ToContainTextAsync("<5");

        // Drill down: the parts beside the region, the trend chart beside its table, the offer behind the cell.
        await row.GetByRole(AriaRole.Link).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/commissioning/cell\\?need=MSI&ageBand=20-25"));
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Orders placed" }).First).ToContainTextAsync("<5");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Searches that found 2 services or fewer" })).ToContainTextAsync("7");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Tactile signing for young adults" })).ToBeVisibleAsync();
        await Expect(page.Locator("svg[role=img]")).ToHaveCountAsync(1);
        await BrowserSession.AssertAccessibleAsync(page);

        // At 320 px the page still works (the wide tables scroll inside their own region).
        await page.SetViewportSizeAsync(320, 800);
        await BrowserSession.AssertAccessibleAsync(page);
        await page.SetViewportSizeAsync(1280, 900);

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the gap table" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Compare with the North West region" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Region totals", Level = 1 })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(page);

        // The CSV from the dashboard is commissioning's own, suppressed the same way.
        await page.GotoAsync("/commissioning");
        var csv = await page.APIRequest.GetAsync("/commissioning/csv?need=MSI&ageBand=20-25");
        Assert.Equal(200, csv.Status);
        var text = await csv.TextAsync();
        Assert.Contains(",<5,", text);
        Assert.Equal(2, text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    private async Task<IPage> SignInAsync(BrowserSession browser, bool javaScript)
    {
        var page = await browser.NewVisitorAsync(javaScript);
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email address").FillAsync("commissioner@demo.localoffer.test");
        await page.GetByLabel("Password").FillAsync(system.DemoPassword);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        return page;
    }
}
