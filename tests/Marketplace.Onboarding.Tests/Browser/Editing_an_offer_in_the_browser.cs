using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Marketplace.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.Onboarding.Tests.Browser;

/// <summary>
/// Changing a published offer through the web pages: the demo provider edits an offer's name and it is
/// published at once as version 2 on the public service page; updates its places; previews it; then, once the
/// LA officer checks contact details, a change of telephone number waits for the officer, who approves it from
/// the moderation page. Every page on the way passes axe's WCAG 2.2 AA rules.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class Editing_an_offer_in_the_browser(MarketplaceSystem system)
{
    private const string Provider = "provider@demo.localoffer.test";
    private const string Officer = "officer@demo.localoffer.test";

    [Fact]
    public async Task A_provider_edits_updates_places_and_previews_an_offer_and_the_officer_checks_a_moderated_change()
    {
        var word = $"Brackenfold{Guid.NewGuid():N}"[..19];
        var original = $"{word} talking group";
        var renamed = $"{word} talk and play group";
        var api = await system.SignedInAsync(Provider);
        var offerId = await TestOffers.CreateAsync(api, TestOffers.ValidOffer(original));
        await TestOffers.PublishAsync(api, offerId);

        await using var browser = await BrowserSession.StartAsync(system);
        var page = await browser.NewVisitorAsync();
        await SignInAsync(page, Provider);

        // Edit: the form comes prefilled; an empty name is refused with a linked error summary.
        await page.GotoAsync("/provider/offers");
        await Row(page, original).GetByRole(AriaRole.Link, new() { Name = $"Edit {original}", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/provider/offers/{offerId}/edit$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Change your offer");
        var name = page.GetByLabel("Name of the service", new() { Exact = true });
        await Expect(name).ToHaveValueAsync(original);
        await Expect(page.GetByLabel("Minimum age", new() { Exact = true })).ToHaveValueAsync("4");
        await Expect(page.GetByLabel("Price", new() { Exact = true })).ToHaveValueAsync("45");
        await BrowserSession.AssertAccessibleAsync(page);

        await name.FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary").GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", "#name");
        await Expect(page.Locator("#name-error")).ToBeVisibleAsync();
        await Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
        await BrowserSession.AssertAccessibleAsync(page);

        await name.FillAsync(renamed);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/provider/offers$"));
        await Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Published as version 2");
        await Expect(Row(page, renamed)).ToContainTextAsync("2");
        await BrowserSession.AssertAccessibleAsync(page);

        // The public service page shows the new name (publishing reaches the catalogue through the broker).
        var visitor = await browser.NewVisitorAsync();
        await Eventually.Async(async () =>
        {
            await visitor.GotoAsync($"/services/{offerId}");
            return await visitor.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync() == renamed;
        }, TimeSpan.FromSeconds(10), "the new name on the public service page");
        await BrowserSession.AssertAccessibleAsync(visitor);

        // Places and waiting time: checked, then published at once.
        await Row(page, renamed).GetByRole(AriaRole.Link, new() { Name = $"Update places for {renamed}", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/provider/offers/{offerId}/capacity$"));
        await Expect(page.GetByLabel("Places free", new() { Exact = true })).ToHaveValueAsync("8");
        await BrowserSession.AssertAccessibleAsync(page);
        await page.GetByLabel("Places free", new() { Exact = true }).FillAsync("lots");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update places" }).ClickAsync();
        await Expect(page.Locator(".govuk-error-summary").GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", "#places");
        await BrowserSession.AssertAccessibleAsync(page);
        await page.GetByLabel("Places free", new() { Exact = true }).FillAsync("3");
        await page.GetByLabel("Typical wait in weeks (optional)", new() { Exact = true }).FillAsync("6");
        await page.GetByRole(AriaRole.Button, new() { Name = "Update places" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/provider/offers$"));
        await Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("3 places free, typical wait 6 weeks");
        using var anonymous = system.Gateway();
        await Eventually.Async(async () =>
        {
            var service = await anonymous.GetFromJsonAsync<JsonElement>($"/api/catalogue/services/{offerId}");
            return service.TryGetProperty("places", out var places) && places.ValueKind == JsonValueKind.Number && places.GetInt32() == 3;
        }, TimeSpan.FromSeconds(10), "the new places in the catalogue");

        // Preview: the offer as the public sees it.
        await Row(page, renamed).GetByRole(AriaRole.Link, new() { Name = $"Preview {renamed}", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex($"/provider/offers/{offerId}/preview$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(renamed);
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Version 3 is published");
        await BrowserSession.AssertAccessibleAsync(page);

        // The officer's authority checks contact details: a new telephone number waits for the officer.
        var officer = await browser.NewVisitorAsync();
        await SignInAsync(officer, Officer);
        try
        {
            await officer.GotoAsync("/officer/vetting");
            await officer.GetByRole(AriaRole.Link, new() { Name = "offer changes to check" }).ClickAsync();
            await Expect(officer).ToHaveURLAsync(new Regex("/officer/moderation$"));
            await Expect(officer.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Offer changes to check");
            await BrowserSession.AssertAccessibleAsync(officer);
            await officer.GetByLabel("Contact details", new() { Exact = true }).CheckAsync();
            await officer.GetByRole(AriaRole.Button, new() { Name = "Save settings" }).ClickAsync();
            await Expect(officer.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Your moderation settings are saved");
            await Expect(officer.GetByLabel("Contact details", new() { Exact = true })).ToBeCheckedAsync();

            await page.GotoAsync($"/provider/offers/{offerId}/edit");
            await page.GetByLabel("Telephone number", new() { Exact = true }).FillAsync("0161 496 0999");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex("/provider/offers$"));
            await Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("waiting for the local authority to check it (contact details)");
            await BrowserSession.AssertAccessibleAsync(page);

            await officer.ReloadAsync();
            var card = officer.Locator(".govuk-summary-card").Filter(new() { Has = officer.GetByRole(AriaRole.Heading, new() { Name = renamed, Exact = true }) });
            await Expect(card).ToContainTextAsync("contact details");
            await card.GetByRole(AriaRole.Button, new() { Name = $"Save decision on {renamed}" }).ClickAsync();
            await Expect(officer.Locator(".govuk-error-summary").GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", new Regex("^#outcome-"));
            await BrowserSession.AssertAccessibleAsync(officer);

            card = officer.Locator(".govuk-summary-card").Filter(new() { Has = officer.GetByRole(AriaRole.Heading, new() { Name = renamed, Exact = true }) });
            await card.GetByRole(AriaRole.Group, new() { Name = $"Your decision on {renamed}" }).GetByLabel("Approve and publish the change").CheckAsync();
            await card.GetByLabel($"Reason for your decision on {renamed}").FillAsync("The new number is the provider's main line.");
            await card.GetByRole(AriaRole.Button, new() { Name = $"Save decision on {renamed}" }).ClickAsync();
            await Expect(officer.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"The change to ‘{renamed}’ is approved and published");
            await Expect(officer.GetByRole(AriaRole.Heading, new() { Name = renamed, Exact = true })).ToHaveCountAsync(0);
            await BrowserSession.AssertAccessibleAsync(officer);
        }
        finally
        {
            var officerApi = await system.SignedInAsync(Officer);
            await officerApi.PutAsJsonAsync("/api/onboarding/moderation-settings", new { fieldSets = Array.Empty<string>() });
        }

        await Eventually.Async(async () =>
        {
            await visitor.GotoAsync($"/services/{offerId}");
            return (await visitor.GetByRole(AriaRole.Main).InnerTextAsync()).Contains("0161 496 0999", StringComparison.Ordinal);
        }, TimeSpan.FromSeconds(10), "the approved telephone number on the public service page");
    }

    private static ILocator Row(IPage page, string name) =>
        page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = name, Exact = true }) });

    private async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email address").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(system.DemoPassword);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }
}
