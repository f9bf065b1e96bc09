using System.Globalization;
using System.Text.RegularExpressions;
using Marketplace.Testing;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.Onboarding.Tests.Browser;

/// <summary>
/// Onboarding through the web pages, as people use them: a provider user with no organisation registers one,
/// uploads its evidence and submits it; the LA officer approves it from the vetting queue, reads the audit
/// trail and runs the evidence check; the provider publishes an offer and an anonymous visitor finds it with
/// the search page. Every page on the way passes axe's WCAG 2.2 AA rules.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class Registering_and_vetting_in_the_browser(MarketplaceSystem system)
{
    // Seeded by identity with the provider role and no organisation; only this test registers with it
    // (the API lifecycle test uses newprovider@, and each can register only once).
    private const string Newcomer = "newprovider2@demo.localoffer.test";
    private const string Officer = "officer@demo.localoffer.test";
    private const string WiganOfficer = "officer.wigan@demo.localoffer.test";
    private const string Reason = "Insurance and safeguarding policy checked; the charity number matches the register.";

    [Fact]
    public async Task A_new_provider_registers_is_approved_and_publishes_an_offer_the_public_finds()
    {
        await using var browser = await BrowserSession.StartAsync(system);
        var word = $"Quillmere{Guid.NewGuid():N}"[..17];
        var organisation = $"{word} Play CIC";
        var offer = $"{word} sensory mornings";
        var files = Directory.CreateTempSubdirectory("evidence-");
        try
        {
            var insurance = Path.Combine(files.FullName, "insurance.pdf");
            var policy = Path.Combine(files.FullName, "safeguarding-policy.png");
            await File.WriteAllBytesAsync(insurance, Api.Pdf);
            await File.WriteAllBytesAsync(policy, Api.Png);

            var provider = await browser.NewVisitorAsync();
            await RegisterAsync(provider, organisation);
            await UploadEvidenceAsync(provider, insurance, policy);
            await SubmitAsync(provider);

            var providerId = await ApproveAsync(browser, organisation);
            await OfficerOfAnotherAuthorityCannotSeeItAsync(browser, providerId);

            // The provider sees the decision and its reason.
            await provider.GotoAsync("/provider");
            await Expect(provider.Locator("#status")).ToHaveTextAsync("Approved");
            await Expect(provider.GetByRole(AriaRole.Main)).ToContainTextAsync("What the local authority said");
            await Expect(provider.GetByRole(AriaRole.Main)).ToContainTextAsync(Reason);
            await Expect(provider.GetByRole(AriaRole.Button, new() { Name = "Submit for vetting" })).ToHaveCountAsync(0);
            await BrowserSession.AssertAccessibleAsync(provider);

            await CreateAndPublishOfferAsync(provider, offer);

            // Anyone finds the offer with the search page, under the new provider's name.
            var visitor = await browser.NewVisitorAsync();
            var result = await SearchUntilFoundAsync(visitor, word, offer, TimeSpan.FromSeconds(10));
            await BrowserSession.AssertAccessibleAsync(visitor);
            await result.ClickAsync();
            await Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(offer);
            await Expect(visitor.GetByRole(AriaRole.Main)).ToContainTextAsync(organisation);
            await BrowserSession.AssertAccessibleAsync(visitor);
        }
        finally
        {
            files.Delete(recursive: true);
        }
    }

    private async Task RegisterAsync(IPage page, string organisation)
    {
        // Asking for the provider's page first: sign-in, then straight back.
        await page.GotoAsync("/provider");
        await Expect(page).ToHaveURLAsync(new Regex("/sign-in"));
        await page.GetByLabel("Email address").FillAsync(Newcomer);
        await page.GetByLabel("Password").FillAsync(system.DemoPassword);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/provider$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your organisation");
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Your organisation" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "My offers" })).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Vetting" })).ToHaveCountAsync(0);
        await BrowserSession.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Register your organisation" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/provider/register$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Register your organisation");
        await BrowserSession.AssertAccessibleAsync(page);

        // Sent empty: the error summary links to each field.
        await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await Expect(summary.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await Expect(summary.GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", "#name");
        await Expect(summary.Locator("a[href='#areasServed']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#name-error")).ToBeVisibleAsync();
        await Expect(page).ToHaveTitleAsync(new Regex("^Error: Register your organisation"));
        await BrowserSession.AssertAccessibleAsync(page);

        ILocator Group(string legend) => page.GetByRole(AriaRole.Group, new() { Name = legend, Exact = true });
        await page.GetByLabel("Name of your organisation", new() { Exact = true }).FillAsync(organisation);
        await Group("Which sector is your organisation in?").GetByLabel("Community group or community interest company (CIC)").CheckAsync();
        await Group("Which local authority areas do you serve?").GetByLabel("Manchester", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Name of the person we should contact", new() { Exact = true }).FillAsync("Robin Ahmed");
        await page.GetByLabel("Their email address", new() { Exact = true }).FillAsync("robin@quillmere.example.org");
        await page.GetByLabel("Their telephone number (optional)", new() { Exact = true }).FillAsync("0161 496 0123");
        await page.GetByLabel("Registered charity number (optional)", new() { Exact = true }).FillAsync("1123456");
        await page.GetByLabel("Company number (optional)", new() { Exact = true }).FillAsync("01234567");
        await page.GetByRole(AriaRole.Button, new() { Name = "Register", Exact = true }).ClickAsync();

        // Identity links the user to the new organisation; the page waits for it and refreshes the session.
        await Expect(page).ToHaveURLAsync(new Regex("/provider$"));
        await Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"{organisation} is registered");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(organisation);
        await Expect(page.Locator("#status")).ToHaveTextAsync("Draft");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Submit for vetting" })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(page);

        // Its details can be changed while it is a draft.
        await page.GetByRole(AriaRole.Link, new() { Name = "See or change your organisation’s details" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/provider/organisation$"));
        await Expect(page.GetByLabel("Name of your organisation", new() { Exact = true })).ToHaveValueAsync(organisation);
        await BrowserSession.AssertAccessibleAsync(page);
    }

    private static async Task UploadEvidenceAsync(IPage page, string insurance, string policy)
    {
        await page.GotoAsync("/provider/evidence");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Your evidence");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("You have not uploaded any evidence yet.");
        await BrowserSession.AssertAccessibleAsync(page);

        // Sent empty: the errors link to the fields.
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await Expect(summary.GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", "#kind");
        await Expect(summary.Locator("a[href='#file']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#file-error")).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(page);

        var expires = DateTime.UtcNow.Date.AddYears(1);
        await UploadAsync(page, "Public liability insurance", expires, insurance);
        await Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Your public liability insurance is uploaded.");
        await UploadAsync(page, "DBS and safeguarding policy", expires.AddMonths(6), policy);
        await Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Your DBS and safeguarding policy is uploaded.");

        var rows = page.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row);
        var insuranceRow = rows.Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "Public liability insurance", Exact = true }) });
        await Expect(insuranceRow).ToContainTextAsync(expires.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")));
        await Expect(insuranceRow).ToContainTextAsync("insurance.pdf");
        var policyRow = rows.Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "DBS and safeguarding policy", Exact = true }) });
        await Expect(policyRow).ToContainTextAsync("safeguarding-policy.png");
        await BrowserSession.AssertAccessibleAsync(page);

        // The provider's own file comes back through the gateway.
        var href = await insuranceRow.GetByRole(AriaRole.Link).GetAttributeAsync("href");
        var download = await page.APIRequest.GetAsync(Absolute(page, href));
        Assert.Equal(200, download.Status);
        Assert.StartsWith("application/pdf", download.Headers["content-type"]);
        Assert.Equal(Api.Pdf, await download.BodyAsync());
    }

    private static async Task UploadAsync(IPage page, string kind, DateTime expires, string file)
    {
        await page.GetByRole(AriaRole.Group, new() { Name = "What kind of evidence is it?" }).GetByLabel(kind, new() { Exact = true }).CheckAsync();
        var date = page.GetByRole(AriaRole.Group, new() { Name = "When does it expire?" });
        await date.GetByLabel("Day").FillAsync(expires.Day.ToString(CultureInfo.InvariantCulture));
        await date.GetByLabel("Month").FillAsync(expires.Month.ToString(CultureInfo.InvariantCulture));
        await date.GetByLabel("Year").FillAsync(expires.Year.ToString(CultureInfo.InvariantCulture));
        await page.GetByLabel("Upload a file").SetInputFilesAsync(file);
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/provider/evidence$"));
    }

    private static async Task SubmitAsync(IPage page)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Your organisation" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/provider$"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for vetting" }).ClickAsync();
        await Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("sent to the local authority");
        await Expect(page.Locator("#status")).ToHaveTextAsync("Waiting for a decision");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Submit for vetting" })).ToHaveCountAsync(0);
        await BrowserSession.AssertAccessibleAsync(page);
    }

    /// <summary>The officer finds the registration in the vetting queue and approves it; answers the provider's id.</summary>
    private async Task<string> ApproveAsync(BrowserSession browser, string organisation)
    {
        var page = await browser.NewVisitorAsync();
        await SignInAsync(page, Officer);
        var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "Audit trail" })).ToBeVisibleAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = "My offers" })).ToHaveCountAsync(0);
        await menu.GetByRole(AriaRole.Link, new() { Name = "Vetting" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/officer/vetting$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Vetting");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = organisation, Exact = true }) });
        await Expect(row).ToHaveCountAsync(1);
        await Expect(row.Locator(".govuk-tag")).ToHaveTextAsync("First submission");
        await BrowserSession.AssertAccessibleAsync(page);

        await row.GetByRole(AriaRole.Link, new() { Name = organisation, Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/officer/providers/[0-9a-f-]{36}$"));
        var providerId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(organisation);
        await Expect(page.Locator("#status")).ToHaveTextAsync("Waiting for a decision");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Robin Ahmed");
        await Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync("Submitted for vetting");
        await BrowserSession.AssertAccessibleAsync(page);

        // The evidence downloads through the gateway for the officer too.
        var href = await page.GetByRole(AriaRole.Link, new() { Name = "Download DBS and safeguarding policy" }).GetAttributeAsync("href");
        var download = await page.APIRequest.GetAsync(Absolute(page, href));
        Assert.Equal(200, download.Status);
        Assert.StartsWith("image/png", download.Headers["content-type"]);

        // A decision needs an outcome and a reason.
        await page.GetByRole(AriaRole.Button, new() { Name = "Save decision" }).ClickAsync();
        var summary = page.Locator(".govuk-error-summary");
        await Expect(summary.GetByRole(AriaRole.Link).First).ToHaveAttributeAsync("href", "#outcome");
        await Expect(summary.Locator("a[href='#reason']")).ToHaveCountAsync(1);
        await Expect(page.Locator("#reason-error")).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Group, new() { Name = "What is your decision?" }).GetByLabel("Approve", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Reason", new() { Exact = true }).FillAsync(Reason);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save decision" }).ClickAsync();
        await Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"{organisation} is approved");
        await Expect(page.Locator("#status")).ToHaveTextAsync("Approved");
        await Expect(page.GetByRole(AriaRole.Table).Last).ToContainTextAsync(Reason);
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Suspend provider" })).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(page);

        // The audit trail shows the decision, and its CSV comes from the gateway.
        await menu.GetByRole(AriaRole.Link, new() { Name = "Audit trail" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/officer/audit$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Audit trail");
        var decision = page.GetByRole(AriaRole.Row).Filter(new() { HasText = Reason });
        await Expect(decision).ToHaveCountAsync(1);
        await Expect(decision).ToContainTextAsync(organisation);
        await Expect(decision).ToContainTextAsync("Priya Shah");
        await BrowserSession.AssertAccessibleAsync(page);

        var csvHref = await page.GetByRole(AriaRole.Link, new() { Name = "Download CSV" }).GetAttributeAsync("href");
        var csv = await page.APIRequest.GetAsync(Absolute(page, csvHref));
        Assert.Equal(200, csv.Status);
        Assert.StartsWith("text/csv", csv.Headers["content-type"]);
        var text = await csv.TextAsync();
        Assert.StartsWith("at,actor,actor_role,provider_id,action", text);
        Assert.Contains(Reason, text);

        // The evidence check on demand: every demo provider's evidence is in date, so nothing is suspended.
        await menu.GetByRole(AriaRole.Link, new() { Name = "Vetting" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Run the evidence check now" }).ClickAsync();
        await Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("The evidence check has run: it suspended no providers");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = organisation, Exact = true }) }))
            .ToHaveCountAsync(0);
        await BrowserSession.AssertAccessibleAsync(page);
        await page.Context.CloseAsync();
        return providerId;
    }

    private async Task OfficerOfAnotherAuthorityCannotSeeItAsync(BrowserSession browser, string providerId)
    {
        var page = await browser.NewVisitorAsync();
        await SignInAsync(page, WiganOfficer);
        var response = await page.GotoAsync($"/officer/providers/{providerId}");
        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Page not found");
        await page.Context.CloseAsync();
    }

    private static async Task CreateAndPublishOfferAsync(IPage page, string name)
    {
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "My offers" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/provider/offers$"));
        await Expect(page.GetByText("You have no offers yet.")).ToBeVisibleAsync();
        await BrowserSession.AssertAccessibleAsync(page);

        await page.GetByRole(AriaRole.Button, new() { Name = "Create an offer" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/provider/offers/new$"));
        await BrowserSession.AssertAccessibleAsync(page);

        ILocator Group(string legend) => page.GetByRole(AriaRole.Group, new() { Name = legend, Exact = true });
        await page.GetByLabel("Name of the service", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("What the service is", new() { Exact = true })
            .FillAsync("Relaxed morning play sessions with sensory toys, music and a quiet space, for children who find busy places hard.");
        await page.GetByLabel("Type of service", new() { Exact = true }).SelectOptionAsync("play-and-leisure");
        await Group("Which needs is it for?").GetByLabel("Autistic spectrum disorder").CheckAsync();
        await Group("Which kind of provision is it?").GetByLabel("Social care", new() { Exact = true }).CheckAsync();
        await Group("Level of support").GetByLabel("Targeted", new() { Exact = false }).CheckAsync();
        await page.GetByLabel("Minimum age", new() { Exact = true }).FillAsync("2");
        await page.GetByLabel("Maximum age", new() { Exact = true }).FillAsync("8");
        await Group("Which local authority areas do you serve?").GetByLabel("Manchester", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Who can use it", new() { Exact = true }).FillAsync("Any child with sensory needs and their family; no diagnosis needed.");
        await Group("How is it delivered?").GetByLabel("In person", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("How to get it", new() { Exact = true }).FillAsync("Book a place by email.");
        await page.GetByLabel("What the price is for", new() { Exact = true }).FillAsync("Two-hour session");
        await page.GetByLabel("Price", new() { Exact = true }).FillAsync("8");
        await Group("How the price is charged").GetByLabel("Per session", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Email address", new() { Exact = true }).FillAsync("play@quillmere.example.org");
        await page.GetByLabel("Telephone number", new() { Exact = true }).FillAsync("0161 496 0123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save as draft" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/provider/offers$"));

        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = name, Exact = true }) });
        await row.GetByRole(AriaRole.Button, new() { Name = $"Publish {name}", Exact = true }).ClickAsync();
        await Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"‘{name}’ is published in the Local Offer");
        await Expect(row.Locator(".govuk-tag")).ToHaveTextAsync("Published");
        await BrowserSession.AssertAccessibleAsync(page);
    }

    /// <summary>A link's address against the page's, for requests made outside the page (with its cookies).</summary>
    private static string Absolute(IPage page, string? href) => new Uri(new Uri(page.Url), href ?? throw new InvalidOperationException("The link has no href.")).ToString();

    private async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email address").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(system.DemoPassword);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
    }

    /// <summary>Runs the search form until the result links to the named service (publishing reaches the catalogue through the broker).</summary>
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
