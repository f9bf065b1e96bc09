using System.Text.RegularExpressions;
using Marketplace.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.Catalogue.Tests.Browser;

/// <summary>
/// Every public page, as a parent on a small phone would meet it: with JavaScript off it answers and shows its
/// content; at 320 px it does not scroll sideways; it has no WCAG 2.2 A or AA violation; and its printable view
/// passes the same checks. (The width and axe checks run scripts of their own, so they use a second visitor with
/// JavaScript on.)
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class Reading_the_public_pages(MarketplaceSystem system)
{
    private const int PhoneWidth = 320;

    [Fact]
    public async Task Each_fits_a_small_phone_without_JavaScript_and_passes_axe_in_full_and_printable()
    {
        await using var browser = await BrowserSession.StartAsync(system);
        var withoutScripts = await browser.NewVisitorAsync(javaScript: false, width: PhoneWidth);
        var page = await browser.NewVisitorAsync(width: PhoneWidth);
        var service = await FirstServiceAsync(page);
        var informationPage = await FirstInformationPageAsync(page);

        foreach (var address in new[]
        {
            "/", "/search?q=speech+therapy", "/search?q=zzzqqq", service, "/information", informationPage,
            "/accessibility", "/contact", "/cookies", "/feedback",
        })
        {
            foreach (var view in new[] { address, address + (address.Contains('?') ? "&" : "?") + "print=1" })
            {
                var plain = await withoutScripts.GotoAsync(view);
                Assert.True(plain!.Ok, $"{view} answered {plain.Status} without JavaScript");
                await Expect(withoutScripts.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToBeVisibleAsync();

                var response = await page.GotoAsync(view);
                Assert.True(response!.Ok, $"{view} answered {response.Status}");
                var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
                Assert.True(width <= PhoneWidth, $"{view} is {width} px wide at a {PhoneWidth} px viewport: it scrolls sideways");
                await BrowserSession.AssertAccessibleAsync(page);
            }

            // The printable view has no site header, navigation or footer.
            Assert.Equal(0, await page.Locator("header.govuk-header, footer.govuk-footer").CountAsync());
        }
    }

    [Fact]
    public async Task A_keyboard_alone_reaches_the_search_box_searches_and_opens_a_result()
    {
        await using var browser = await BrowserSession.StartAsync(system);
        var page = await browser.NewVisitorAsync();
        await page.GotoAsync("/");

        // The first Tab stop is the skip link, and it leads to the main content.
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Skip to main content", (await page.EvaluateAsync<string>("document.activeElement.textContent")).Trim());

        await TabUntilAsync(page, "document.activeElement.id === 'q' || document.activeElement.name === 'q'");
        await page.Keyboard.TypeAsync("speech therapy");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex(@"/search\?.*q=speech"));

        await TabUntilAsync(page, "document.activeElement.closest('.app-result') !== null");
        var name = (await page.EvaluateAsync<string>("document.activeElement.textContent")).Trim();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/services/[0-9a-f-]{36}$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
    }

    /// <summary>Presses Tab (at most 60 times) until the condition on the focused element holds.</summary>
    private static async Task TabUntilAsync(IPage page, string condition)
    {
        for (var i = 0; i < 60; i++)
        {
            if (await page.EvaluateAsync<bool>(condition))
            {
                return;
            }

            await page.Keyboard.PressAsync("Tab");
        }

        Assert.Fail($"Tab never reached an element where {condition} on {page.Url}");
    }

    private static async Task<string> FirstServiceAsync(IPage page)
    {
        await page.GotoAsync("/search?q=speech+therapy");
        return (await page.Locator(".app-result h3 a").First.GetAttributeAsync("href"))!;
    }

    private static async Task<string> FirstInformationPageAsync(IPage page)
    {
        await page.GotoAsync("/information");
        return (await page.GetByRole(AriaRole.Main).Locator("a[href^='/information/']").First.GetAttributeAsync("href"))!;
    }
}
