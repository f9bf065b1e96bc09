using System.Globalization;
using System.Text.RegularExpressions;
using Dapper;
using Marketplace.Purchasing.Demo;
using Marketplace.ServiceDefaults.Demo;
using Marketplace.Testing;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.Purchasing.Tests.Browser;

/// <summary>
/// The demo family, on a phone-sized screen, buys a session from a service page with its personal budget; its
/// balance and the provider's incoming orders show it; the provider accepts, delivers and invoices; the family's
/// statement shows the spend. Every page on the way passes axe's WCAG 2.2 AA rules (axe needs JavaScript, so a second
/// visitor without JavaScript checks that the order form answers and validates on the server alone).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class Buying_a_session_with_a_budget_in_the_browser(MarketplaceSystem system)
{
    private const string Family = "family@" + DemoRegion.EmailDomain;
    private const string Provider = "provider@" + DemoRegion.EmailDomain;
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    private sealed class DemoOffer
    {
        public Guid Id { get; set; }
        public string Name { get; set; } = "";
        public long Price { get; set; }
    }

    [Fact]
    public async Task A_family_buys_a_session_and_its_balance_and_the_providers_orders_show_it()
    {
        var offer = await BudgetEligibleOfferAsync();
        await using var browser = await BrowserSession.StartAsync(system);
        var family = await browser.NewVisitorAsync();
        await SignInAsync(family, Family);
        await family.SetViewportSizeAsync(320, 800); // a phone: the header's links fold behind its Menu button

        // Signing in lands on the budget page.
        await Expect(family).ToHaveURLAsync(new Regex("/family$"));
        var educationLeft = family.Locator("[data-part=education]").First;
        var before = Pence(await educationLeft.TextContentAsync());
        await BrowserSession.AssertAccessibleAsync(family);

        // From the public service page to the order form.
        await family.GotoAsync($"/services/{offer.Id}");
        await family.GetByRole(AriaRole.Link, new() { Name = "Buy with your personal budget" }).ClickAsync();
        await Expect(family).ToHaveURLAsync(new Regex($"/family/buy/{offer.Id}$"));
        await BrowserSession.AssertAccessibleAsync(family);

        // A missing answer is named in the error summary, linked to its field.
        await family.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(family.Locator(".govuk-error-summary").GetByRole(AriaRole.Link, new() { Name = "Choose which part of your budget pays" }))
            .ToHaveAttributeAsync("href", "#part");
        await Expect(family).ToHaveTitleAsync(new Regex("^Error: "));
        await BrowserSession.AssertAccessibleAsync(family);

        // Without JavaScript the form works the same: the server checks it and names what is missing.
        var noScript = await browser.NewVisitorAsync(javaScript: false);
        await SignInAsync(noScript, Family);
        await noScript.SetViewportSizeAsync(320, 800);
        await noScript.GotoAsync($"/family/buy/{offer.Id}");
        await noScript.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(noScript.Locator(".govuk-error-summary").GetByRole(AriaRole.Link, new() { Name = "Enter who it is for, like a first name, in 100 characters or fewer" }))
            .ToHaveAttributeAsync("href", "#forReference");

        await family.GetByRole(AriaRole.Radio).First.CheckAsync();
        await family.GetByLabel(new Regex("^Education part of EHC plan DEMO-EHC-0001")).CheckAsync();
        await family.GetByLabel("Who is it for?").FillAsync("Sam");
        await family.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(family).ToHaveURLAsync(new Regex("/family/orders$"));
        await Expect(family.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"You ordered {offer.Name}");
        var card = family.Locator(".govuk-summary-card", new() { HasText = offer.Name }).First;
        await Expect(card).ToContainTextAsync("Waiting for the provider");
        var orderId = Guid.Parse((await card.GetAttributeAsync("data-order"))!);
        await BrowserSession.AssertAccessibleAsync(family);

        // The balance shows the money set aside.
        await family.GotoAsync("/family");
        Assert.Equal(before - offer.Price, Pence(await educationLeft.TextContentAsync()));
        await BrowserSession.AssertAccessibleAsync(family);

        // The provider's incoming orders show it; the provider accepts, delivers and invoices it.
        var provider = await browser.NewVisitorAsync();
        await SignInAsync(provider, Provider);
        await provider.GotoAsync("/provider/orders");
        var incoming = provider.Locator($"[data-order='{orderId}']");
        await Expect(incoming).ToContainTextAsync("A family, paying with a personal budget, for Sam");
        await BrowserSession.AssertAccessibleAsync(provider);
        await incoming.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Accept") }).ClickAsync();
        await Expect(provider.Locator(".govuk-notification-banner--success")).ToContainTextAsync("You accepted the order");
        await provider.Locator($"[data-order='{orderId}']").GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Mark as delivered") }).ClickAsync();
        await provider.Locator($"[data-order='{orderId}']").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Send an invoice") }).ClickAsync();
        await Expect(provider).ToHaveURLAsync(new Regex($"/provider/orders/{orderId}/invoice$"));
        await BrowserSession.AssertAccessibleAsync(provider);
        var invoiceNumber = $"BR-{orderId:N}"[..16];
        await provider.GetByLabel("Invoice number").FillAsync(invoiceNumber);
        await provider.GetByLabel("We are not registered for VAT").CheckAsync();
        // Two lines: the session and a written report, which share the agreed price. Line 2 first without its price.
        await Expect(provider.Locator("#line1-description")).ToHaveValueAsync(new Regex(Regex.Escape(offer.Name)));
        var report = offer.Price / 2;
        static string Pounds(long pence) => (pence / 100m).ToString("0.00", CultureInfo.InvariantCulture);
        await provider.Locator("#line1-price").FillAsync(Pounds(offer.Price - report));
        await provider.GetByText("Add more lines").ClickAsync();
        await provider.Locator("#line2-description").FillAsync("Written report of the session");
        await provider.Locator("#line2-quantity").FillAsync("1");
        await provider.GetByRole(AriaRole.Button, new() { Name = "Send invoice" }).ClickAsync();
        await Expect(provider.Locator(".govuk-error-summary").GetByRole(AriaRole.Link, new() { Name = "Enter the price of each for line 2 in pounds, like 45.00" }))
            .ToHaveAttributeAsync("href", "#line2-price");
        await Expect(provider.Locator("#line2-price")).ToBeVisibleAsync(); // the extra lines stay open when one has an error
        await BrowserSession.AssertAccessibleAsync(provider);
        await provider.Locator("#line2-price").FillAsync(Pounds(report));
        await provider.GetByRole(AriaRole.Button, new() { Name = "Send invoice" }).ClickAsync();
        await Expect(provider.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"Invoice {invoiceNumber}");
        await Expect(provider.Locator($"[data-order='{orderId}']")).ToContainTextAsync("Invoiced");
        await BrowserSession.AssertAccessibleAsync(provider);
        await using (var purchasing = new NpgsqlConnection(system.ConnectionString("purchasing")))
        {
            Assert.Equal($"2/{offer.Price}", await purchasing.ExecuteScalarAsync<string>(
                "SELECT jsonb_array_length(lines) || '/' || total_pence FROM invoices WHERE order_id = @orderId", new { orderId }));
        }

        // The family's statement shows the spend, and its orders the invoice.
        await family.GotoAsync($"/family/budgets/{DemoBuyersSeeder.FamilyBudgetId}");
        await Expect(family.GetByRole(AriaRole.Table)).ToContainTextAsync($"Spent {Money(offer.Price)}: {offer.Name}");
        await BrowserSession.AssertAccessibleAsync(family);
        await family.GotoAsync("/family/orders");
        await Expect(family.Locator($"[data-order='{orderId}']")).ToContainTextAsync(invoiceNumber);
        await BrowserSession.AssertAccessibleAsync(family);
    }

    private async Task<DemoOffer> BudgetEligibleOfferAsync()
    {
        DemoOffer? offer = null;
        await Eventually.Async(async () =>
        {
            await using var connection = new NpgsqlConnection(system.ConnectionString("purchasing"));
            offer = await connection.QueryFirstOrDefaultAsync<DemoOffer>(
                """
                SELECT id, name, (cost_options -> 0 ->> 'amountPence')::bigint AS price FROM purchasing_offers
                WHERE provider_id = @provider AND status = 'published' AND budget_eligible AND jsonb_array_length(cost_options) = 1
                  AND (cost_options -> 0 ->> 'amountPence')::bigint BETWEEN 1 AND 90000
                ORDER BY id DESC LIMIT 1
                """, new { provider = DemoRegion.DemoProviderId });
            return offer is not null;
        }, TimeSpan.FromSeconds(60), "a budget-eligible demo offer with one price in purchasing's read model");
        return offer!;
    }

    private static long Pence(string? text)
    {
        var match = Regex.Match(text ?? "", @"£([\d,]+\.\d\d)");
        Assert.True(match.Success, $"No amount in '{text}'");
        return (long)(decimal.Parse(match.Groups[1].Value, NumberStyles.Number, British) * 100);
    }

    private static string Money(long pence) => (pence / 100m).ToString("C2", British);

    private async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email address").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(system.DemoPassword);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }
}
