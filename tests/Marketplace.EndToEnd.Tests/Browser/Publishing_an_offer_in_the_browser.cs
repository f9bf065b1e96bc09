using System.Text.RegularExpressions;
using Marketplace.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.EndToEnd.Tests.Browser;

/// <summary>
/// The foundation's thread through the web pages, as people use them: a provider signs in, creates and publishes
/// an offer through the forms, and a family finds it with the search page. Every page on the way passes axe's
/// WCAG 2.2 AA rules.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class Publishing_an_offer_in_the_browser(MarketplaceSystem system)
{
    private const string Provider = "provider@demo.localoffer.test";

    [Fact]
    public async Task A_family_finds_it_with_the_search_form_and_every_page_on_the_way_is_accessible()
    {
        await using var browser = await BrowserSession.StartAsync(system);
        var word = $"Zephyrine{Guid.NewGuid():N}"[..17];
        var name = $"{word} sensory club";

        // The provider signs in through the form.
        var provider = await browser.NewVisitorAsync();
        await provider.GotoAsync("/sign-in");
        await Expect(provider.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Sign in");
        await BrowserSession.AssertAccessibleAsync(provider);
        await provider.GetByLabel("Email address").FillAsync(Provider);
        await provider.GetByLabel("Password").FillAsync(system.DemoPassword);
        await provider.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(provider.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();

        // My offers.
        await provider.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "My offers" }).ClickAsync();
        await Expect(provider).ToHaveURLAsync(new Regex("/provider/offers$"));
        await Expect(provider.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My offers");
        await BrowserSession.AssertAccessibleAsync(provider);

        // The new offer form, first sent empty: the GOV.UK error summary lists the problems.
        await provider.GetByRole(AriaRole.Button, new() { Name = "Create an offer" }).ClickAsync();
        await Expect(provider).ToHaveURLAsync(new Regex("/provider/offers/new$"));
        await Expect(provider.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Create an offer");
        await BrowserSession.AssertAccessibleAsync(provider);

        await provider.GetByRole(AriaRole.Button, new() { Name = "Save as draft" }).ClickAsync();
        var summary = provider.Locator(".govuk-error-summary");
        await Expect(summary).ToBeVisibleAsync();
        await Expect(summary.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await Expect(summary.GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", "#name");
        await Expect(provider.Locator("#name-error")).ToBeVisibleAsync();
        await Expect(provider).ToHaveTitleAsync(new Regex("^Error: Create an offer"));
        await BrowserSession.AssertAccessibleAsync(provider);

        // Then filled in properly.
        await FillNewOfferFormAsync(provider, name);
        await provider.GetByRole(AriaRole.Button, new() { Name = "Save as draft" }).ClickAsync();
        await Expect(provider).ToHaveURLAsync(new Regex("/provider/offers$"));
        await Expect(provider.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"‘{name}’ is saved as a draft");
        var row = provider.GetByRole(AriaRole.Row).Filter(new() { Has = provider.GetByRole(AriaRole.Rowheader, new() { Name = name, Exact = true }) });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator(".govuk-tag")).ToHaveTextAsync("Draft");
        await BrowserSession.AssertAccessibleAsync(provider);

        // Published with its own Publish button.
        await row.GetByRole(AriaRole.Button, new() { Name = $"Publish {name}", Exact = true }).ClickAsync();
        await Expect(provider.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"‘{name}’ is published in the Local Offer");
        await Expect(row.Locator(".govuk-tag")).ToHaveTextAsync("Published");
        await Expect(row.GetByRole(AriaRole.Button, new() { Name = $"Withdraw {name}", Exact = true })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(provider);

        // Signed out, the provider's pages are no longer offered.
        await provider.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Expect(provider.Locator(".govuk-notification-banner--success")).ToContainTextAsync("You have signed out");
        await Expect(provider.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(provider.GetByRole(AriaRole.Link, new() { Name = "My offers" })).ToHaveCountAsync(0);
        await provider.Context.CloseAsync();

        // A family, anonymous, searches for it: the catalogue shows it within seconds.
        var family = await browser.NewVisitorAsync();
        var result = await SearchUntilFoundAsync(family, word, name, TimeSpan.FromSeconds(5));
        await Expect(family.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Search the Local Offer");
        await BrowserSession.AssertAccessibleAsync(family);

        await result.ClickAsync();
        await Expect(family).ToHaveURLAsync(new Regex("/services/[0-9a-f-]{36}$"));
        await Expect(family.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(name);
        await Expect(family.GetByRole(AriaRole.Main)).ToContainTextAsync("Brightpath Therapies");
        await Expect(family.GetByRole(AriaRole.Main)).ToContainTextAsync("Sessions in a calm, low-light room");
        await BrowserSession.AssertAccessibleAsync(family);

        // The rest of what a family sees first.
        await family.GotoAsync("/");
        await Expect(family.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Find support for children and young people with SEND");
        await BrowserSession.AssertAccessibleAsync(family);

        await family.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Accessibility statement" }).ClickAsync();
        await Expect(family).ToHaveURLAsync(new Regex("/accessibility$"));
        await Expect(family.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Accessibility statement for the Local Offer");
        await BrowserSession.AssertAccessibleAsync(family);
    }

    [Fact]
    public async Task A_search_that_finds_nothing_points_to_the_advice_and_support_service()
    {
        await using var browser = await BrowserSession.StartAsync(system);
        var family = await browser.NewVisitorAsync();
        await family.GotoAsync("/search");
        await family.GetByLabel("Search for").FillAsync($"Qwvxzk{Guid.NewGuid():N}"[..16]);
        await family.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();

        var main = family.GetByRole(AriaRole.Main);
        await Expect(main.GetByRole(AriaRole.Heading, new() { Name = "No services found" })).ToBeVisibleAsync();
        await Expect(main).ToContainTextAsync("searching for a more general word");
        await Expect(main.Locator(".app-result")).ToHaveCountAsync(0);
        var advice = main.GetByRole(AriaRole.Link, new() { Name = "SEND information, advice and support service" });
        await Expect(advice).ToHaveAttributeAsync("href", "/information/advice-and-support");
        await BrowserSession.AssertAccessibleAsync(family);

        await advice.ClickAsync();
        await Expect(family).ToHaveURLAsync(new Regex("/information/advice-and-support$"));
        await Expect(family.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("SEND information, advice and support");
        await BrowserSession.AssertAccessibleAsync(family);
    }

    private static async Task FillNewOfferFormAsync(IPage page, string name)
    {
        ILocator Group(string legend) => page.GetByRole(AriaRole.Group, new() { Name = legend, Exact = true });

        await page.GetByLabel("Name of the service", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("What the service is", new() { Exact = true })
            .FillAsync("Sessions in a calm, low-light room where children explore sound, light and touch at their own pace.");
        await page.GetByLabel("Type of service", new() { Exact = true }).SelectOptionAsync("play-and-leisure");
        await Group("Which needs is it for?").GetByLabel("Autistic spectrum disorder").CheckAsync();
        await Group("Which needs is it for?").GetByLabel("Multi-sensory impairment").CheckAsync();
        await Group("Which kind of provision is it?").GetByLabel("Social care", new() { Exact = true }).CheckAsync();
        await Group("Level of support").GetByLabel("Targeted", new() { Exact = false }).CheckAsync();
        await page.GetByLabel("Minimum age", new() { Exact = true }).FillAsync("3");
        await page.GetByLabel("Maximum age", new() { Exact = true }).FillAsync("11");
        await Group("Which local authority areas do you serve?").GetByLabel("Manchester", new() { Exact = true }).CheckAsync();
        await Group("Which local authority areas do you serve?").GetByLabel("Salford", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Who can use it", new() { Exact = true }).FillAsync("Any child or young person with sensory needs; no diagnosis needed.");
        await Group("How is it delivered?").GetByLabel("In person", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("How to get it", new() { Exact = true }).FillAsync("Refer yourself by email or ask your school's SENCo.");
        await page.GetByLabel("Places available (optional)", new() { Exact = true }).FillAsync("6");
        await page.GetByLabel("Typical wait in weeks (optional)", new() { Exact = true }).FillAsync("2");
        await page.GetByLabel("What the price is for", new() { Exact = true }).FillAsync("One-hour session");
        await page.GetByLabel("Price", new() { Exact = true }).FillAsync("12.50");
        await Group("How the price is charged").GetByLabel("Per session", new() { Exact = true }).CheckAsync();
        await Group("Personal budgets").GetByLabel("Families can pay for it with a personal budget").CheckAsync();
        await Group("Schools").GetByLabel("Schools can buy it").CheckAsync();
        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync("sensory@brightpath.example.org");
        await page.GetByLabel("Telephone number", new() { Exact = true }).FillAsync("0161 496 0000");
    }

    /// <summary>
    /// Runs the search form until the result links to the named service (publishing reaches the catalogue
    /// through the outbox and the broker, so not instantly), and returns that link.
    /// </summary>
    private async Task<ILocator> SearchUntilFoundAsync(IPage page, string words, string name, TimeSpan within)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            await page.GotoAsync("/search");
            await page.GetByLabel("Search for").FillAsync(words);
            await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await page.WaitForURLAsync(new Regex(@"/search\?"));
            var link = page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });
            if (await link.CountAsync() == 1)
            {
                return link;
            }

            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"The search page did not show ‘{name}’ within {within.TotalSeconds:0}s of publishing. It showed:\n"
                    + $"{await page.GetByRole(AriaRole.Main).InnerTextAsync()}\n{system.RecentLog(40)}");
            }

            await Task.Delay(250);
        }
    }
}
