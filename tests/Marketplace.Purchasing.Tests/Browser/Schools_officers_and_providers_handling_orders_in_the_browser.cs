using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
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
/// The buying pages of everyone but the family, each on a 320 px screen: the school sees its account and orders on
/// it with a purchase order number; the LA officer allocates, tops up and reduces a personal budget, approves one
/// purchase at or above its threshold and refuses another with a reason, and sees every order of the LA; the provider
/// accepts the school's order and declines the approved one with a reason. Every page passes axe's WCAG 2.2 AA rules
/// and does not scroll sideways (both need JavaScript; a second visitor without JavaScript checks the officer's form
/// answers on the server alone).
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class Schools_officers_and_providers_handling_orders_in_the_browser(MarketplaceSystem system)
{
    private const string School = "school@" + DemoRegion.EmailDomain;
    private const string Officer = "officer@" + DemoRegion.EmailDomain;
    private const string Provider = "provider@" + DemoRegion.EmailDomain;
    private const long FamilyEducationThresholdPence = 100_000;

    private sealed class DemoOffer
    {
        public Guid Id { get; set; }
        public int Version { get; set; }
        public string Name { get; set; } = "";
        public long Price { get; set; }
    }

    [Fact]
    public async Task A_school_orders_an_officer_manages_budgets_and_approvals_and_the_provider_answers()
    {
        var run = Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await using var browser = await BrowserSession.StartAsync(system);

        // The school: its account, its cap and its (empty or not) orders and invoices.
        var school = await browser.NewVisitorAsync(width: 320);
        await SignInAsync(school, School);
        await CheckPageAsync(school, "/school");
        await Expect(school.GetByRole(AriaRole.Heading, new() { Name = $"Oakfield Primary School (URN {DemoBuyersSeeder.SchoolUrn})" })).ToBeVisibleAsync();
        await Expect(school.Locator(".govuk-summary-list")).ToContainTextAsync("£20,000.00, with");
        await Expect(school.Locator(".govuk-summary-list")).ToContainTextAsync(School);
        await Expect(school.GetByRole(AriaRole.Heading, new() { Name = "Invoices" })).ToBeVisibleAsync();

        // It orders a service schools can buy from the service's page, with its purchase order number.
        var schoolOffer = await OfferAsync("schools_can_buy AND (cost_options -> 0 ->> 'amountPence')::bigint BETWEEN 1 AND 500000", "a demo offer schools can buy");
        await CheckPageAsync(school, $"/services/{schoolOffer.Id}");
        await school.GetByRole(AriaRole.Link, new() { Name = "Order for your school" }).ClickAsync();
        await Expect(school).ToHaveURLAsync(new Regex($"/school/order/{schoolOffer.Id}$"));
        await CheckAccessibleAndNarrowAsync(school);
        await school.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(school.Locator(".govuk-error-summary").GetByRole(AriaRole.Link, new() { Name = "Enter your school's purchase order number, in 50 characters or fewer" }))
            .ToHaveAttributeAsync("href", "#purchaseOrderNumber");
        await CheckAccessibleAndNarrowAsync(school);
        var radios = school.Locator("input[name=Price]");
        if (await radios.CountAsync() > 1)
        {
            await radios.First.CheckAsync();
        }

        var purchaseOrder = $"PO-BR-{run}";
        await school.GetByLabel("Purchase order number").FillAsync(purchaseOrder);
        await school.GetByLabel("Who is it for?").FillAsync("Year 4 class");
        await school.GetByRole(AriaRole.Button, new() { Name = "Place order" }).ClickAsync();
        await Expect(school).ToHaveURLAsync(new Regex("/school$"));
        await Expect(school.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"on purchase order {purchaseOrder}");
        var schoolRow = school.Locator("tr", new() { HasText = purchaseOrder });
        await Expect(schoolRow).ToContainTextAsync(schoolOffer.Name);
        await Expect(schoolRow).ToContainTextAsync("Waiting for the provider");
        await CheckAccessibleAndNarrowAsync(school);

        // The officer allocates a budget; a young person too young to hold one is refused, named in the error summary.
        var officer = await browser.NewVisitorAsync(width: 320);
        await SignInAsync(officer, Officer);
        await CheckPageAsync(officer, "/officer/budgets");
        await officer.GetByRole(AriaRole.Link, new() { Name = "Allocate a personal budget" }).ClickAsync();
        await Expect(officer).ToHaveURLAsync(new Regex("/officer/budgets/new$"));
        await CheckAccessibleAndNarrowAsync(officer);
        var plan = $"EHC-BR-{run}";
        var holder = $"holder.{run.ToLowerInvariant()}@example.org";
        await officer.GetByLabel("Holder’s email address").FillAsync(holder);
        await officer.GetByLabel("The young person (16 to 25)").CheckAsync();
        await FillDateAsync(officer, "Young person’s date of birth (if they hold it)", "15", "1", "2020");
        await officer.GetByLabel("EHC plan reference").FillAsync(plan);
        await officer.GetByLabel("Education amount in pounds (leave empty for none)").FillAsync("1200.00");
        await officer.GetByLabel("Education approval threshold in pounds (optional)").FillAsync("500");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Allocate the budget" }).ClickAsync();
        await Expect(officer.Locator(".govuk-error-summary").GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^A young person must be 16 to 25 to hold their own budget") }))
            .ToHaveAttributeAsync("href", "#holderDateOfBirth");
        await Expect(officer).ToHaveTitleAsync(new Regex("^Error: "));
        await Expect(officer.GetByLabel("EHC plan reference")).ToHaveValueAsync(plan);
        await CheckAccessibleAndNarrowAsync(officer);

        // Without JavaScript the server alone checks the form and names what is missing.
        var noScript = await browser.NewVisitorAsync(javaScript: false, width: 320);
        await SignInAsync(noScript, Officer);
        await noScript.GotoAsync("/officer/budgets/new");
        await noScript.GetByRole(AriaRole.Button, new() { Name = "Allocate the budget" }).ClickAsync();
        var summary = noScript.Locator(".govuk-error-summary");
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = "Enter an amount for at least one part of the budget" }))
            .ToHaveAttributeAsync("href", "#education-amount");
        await FillDateAsync(noScript, "First day of the period", "1", "4", "");
        await FillDateAsync(noScript, "Last day of the period", "31", "2", "2027");
        await noScript.GetByRole(AriaRole.Button, new() { Name = "Allocate the budget" }).ClickAsync();
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = "The first day of the period must include a day, month and year" }))
            .ToHaveAttributeAsync("href", "#periodStart");
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = "The last day of the period must be a real date, like 31 3 2027" }))
            .ToHaveAttributeAsync("href", "#periodEnd");
        await Expect(noScript.GetByRole(AriaRole.Group, new() { Name = "First day of the period" }).GetByLabel("Month")).ToHaveValueAsync("4");

        await officer.GetByLabel("A parent").CheckAsync();
        await FillDateAsync(officer, "Young person’s date of birth (if they hold it)", "", "", "");
        await officer.GetByRole(AriaRole.Button, new() { Name = "Allocate the budget" }).ClickAsync();
        await Expect(officer).ToHaveURLAsync(new Regex("/officer/budgets/[0-9a-f-]{36}$"));
        var budgetUrl = new Uri(officer.Url).AbsolutePath;
        await Expect(officer.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"A personal budget for EHC plan {plan} was allocated.");
        var education = officer.Locator(".govuk-summary-list__row", new() { HasText = "Education" });
        await Expect(education).ToContainTextAsync("£1,200.00 left");
        await CheckAccessibleAndNarrowAsync(officer);

        // It tops the budget up and reduces it, each with a reason on the statement.
        await AdjustAsync(officer, "Top up (add money)", "300", "Extra speech therapy agreed at review");
        await Expect(officer.Locator(".govuk-notification-banner--success")).ToContainTextAsync("The education part was topped up by £300.00.");
        await Expect(education).ToContainTextAsync("£1,500.00 left");
        await Expect(officer.GetByRole(AriaRole.Table)).ToContainTextAsync("Extra speech therapy agreed at review");
        await CheckAccessibleAndNarrowAsync(officer);
        await AdjustAsync(officer, "Reduce (take money away)", "100.50", "Transport now paid separately");
        await Expect(officer.Locator(".govuk-notification-banner--success")).ToContainTextAsync("The education part was reduced by £100.50.");
        await Expect(education).ToContainTextAsync("£1,399.50 left");
        await Expect(officer.GetByRole(AriaRole.Table)).ToContainTextAsync("Transport now paid separately");
        // A reduction without a reason changes nothing.
        await officer.GetByRole(AriaRole.Button, new() { Name = "Change the budget" }).ClickAsync();
        await Expect(officer.Locator(".govuk-error-summary").GetByRole(AriaRole.Link, new() { Name = "Give the reason, which the holder sees, in 500 characters or fewer" }))
            .ToHaveAttributeAsync("href", "#reason");
        await CheckAccessibleAndNarrowAsync(officer);
        await CheckPageAsync(officer, "/officer/budgets");
        await Expect(officer.GetByRole(AriaRole.Row, new() { NameRegex = new Regex(plan) })).ToContainTextAsync("£1,399.50");

        // The demo family buys at or above its education threshold: the purchase waits in the officer's queue.
        var family = system.As(await system.TokenAsync("family@" + DemoRegion.EmailDomain));
        var budgetOffer = await OfferAsync("budget_eligible AND (cost_options -> 0 ->> 'amountPence')::bigint BETWEEN 1000 AND 100000", "a budget-eligible demo offer",
            // the smallest amount that reaches the threshold, so each purchase sets aside as little as it can
            $"(cost_options -> 0 ->> 'amountPence')::bigint * ceil({FamilyEducationThresholdPence}.0 / (cost_options -> 0 ->> 'amountPence')::bigint), id");
        var approvedId = await PlaceOverThresholdAsync(family, budgetOffer);
        await CheckPageAsync(officer, "/officer/approvals");
        var approved = officer.Locator($"[data-order='{approvedId}']");
        await Expect(approved).ToContainTextAsync(budgetOffer.Name);
        await Expect(approved).ToContainTextAsync("from the education part");
        await approved.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Approve") }).ClickAsync();
        await Expect(officer.Locator(".govuk-notification-banner--success")).ToContainTextAsync("You approved the purchase.");
        await Expect(officer.Locator($"[data-order='{approvedId}']")).ToHaveCountAsync(0);
        await CheckAccessibleAndNarrowAsync(officer);

        // The provider accepts the school's order and declines the approved one with a reason.
        var provider = await browser.NewVisitorAsync(width: 320);
        await SignInAsync(provider, Provider);
        await CheckPageAsync(provider, "/provider/orders");
        var schoolCard = provider.Locator(".govuk-summary-card", new() { HasText = $"A school, purchase order {purchaseOrder}" });
        await Expect(schoolCard).ToContainTextAsync("for Year 4 class");
        await schoolCard.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Accept") }).ClickAsync();
        await Expect(provider.Locator(".govuk-notification-banner--success")).ToContainTextAsync("You accepted the order");
        await Expect(schoolCard.Locator(".govuk-tag")).ToHaveTextAsync("Accepted");
        await CheckAccessibleAndNarrowAsync(provider);

        var approvedCard = provider.Locator($"[data-order='{approvedId}']");
        await Expect(approvedCard.Locator(".govuk-tag")).ToHaveTextAsync("Waiting for the provider");
        await approvedCard.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Decline") }).ClickAsync();
        await Expect(provider).ToHaveURLAsync(new Regex($"/provider/orders/{approvedId}/decline$"));
        await CheckAccessibleAndNarrowAsync(provider);
        await provider.GetByRole(AriaRole.Button, new() { Name = "Decline the order" }).ClickAsync();
        await Expect(provider.Locator(".govuk-error-summary").GetByRole(AriaRole.Link, new() { Name = "Choose why you are declining" }))
            .ToHaveAttributeAsync("href", "#reasonCode");
        await CheckAccessibleAndNarrowAsync(provider);
        await provider.GetByLabel("We have no places or time to deliver it").CheckAsync();
        await provider.GetByLabel("Your reason, for the buyer").FillAsync("Our therapists are fully booked until spring");
        await provider.GetByRole(AriaRole.Button, new() { Name = "Decline the order" }).ClickAsync();
        await Expect(provider).ToHaveURLAsync(new Regex("/provider/orders$"));
        await Expect(provider.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"You declined the order for {budgetOffer.Name}");
        await Expect(approvedCard.Locator(".govuk-tag")).ToHaveTextAsync("Declined");
        await CheckAccessibleAndNarrowAsync(provider);

        // Once that money is back, another purchase is refused: first without a reason (named), then with one; the family's money goes back.
        var refusedId = await PlaceOverThresholdAsync(family, budgetOffer);
        await officer.ReloadAsync();
        var refused = officer.Locator($"[data-order='{refusedId}']");
        await refused.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Refuse") }).ClickAsync();
        await Expect(officer.Locator(".govuk-error-summary")).ToContainTextAsync("Give the family a reason for refusing the purchase");
        await CheckAccessibleAndNarrowAsync(officer);
        await refused.GetByLabel("Or refuse, with a reason the family can challenge").FillAsync("A cheaper local service meets the same outcome");
        await refused.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Refuse") }).ClickAsync();
        await Expect(officer.Locator(".govuk-notification-banner--success")).ToContainTextAsync("You refused the purchase.");
        await Expect(refused).ToHaveCountAsync(0);
        var refusedOrder = await JsonAsync(await family.GetAsync($"/api/purchasing/orders/{refusedId}"), HttpStatusCode.OK);
        Assert.Equal("refused", refusedOrder.GetProperty("status").GetString());

        // The LA's orders: the school's on its purchase order and the family's from its budget, with their statuses.
        await CheckPageAsync(officer, "/officer/orders");
        await Expect(officer.GetByRole(AriaRole.Row, new() { NameRegex = new Regex($"School, purchase order {purchaseOrder}") })).ToContainTextAsync("Accepted");
        await Expect(officer.Locator($"tr[data-order='{refusedId}']")).ToContainTextAsync("Refused by the council");
        await Expect(officer.Locator($"tr[data-order='{approvedId}']")).ToContainTextAsync("Declined");

        // The school sees the provider's answer.
        await CheckPageAsync(school, "/school");
        await Expect(school.Locator("tr", new() { HasText = purchaseOrder })).ToContainTextAsync("Accepted");
    }

    [Fact]
    public async Task A_school_business_manager_changes_the_cap_and_the_staff_who_may_order()
    {
        using var api = system.Gateway();
        api.DefaultRequestHeaders.Authorization = new("Bearer", await system.TokenAsync(School));
        var accountUrl = $"/api/purchasing/schools/{DemoBuyersSeeder.SchoolUrn}";
        var original = await JsonAsync(await api.GetAsync(accountUrl), HttpStatusCode.OK);
        try
        {
            await using var browser = await BrowserSession.StartAsync(system);
            var school = await browser.NewVisitorAsync(width: 320);
            await SignInAsync(school, School);
            await CheckPageAsync(school, "/school");
            await school.GetByRole(AriaRole.Link, new() { Name = "Change the annual cap or the staff who may order" }).ClickAsync();
            await Expect(school).ToHaveURLAsync(new Regex("/school/account$"));
            await CheckAccessibleAndNarrowAsync(school);
            await Expect(school.GetByLabel("School name")).ToHaveValueAsync("Oakfield Primary School");
            await Expect(school.GetByLabel("Most the school may order in a financial year, in pounds (optional)")).ToHaveValueAsync("20,000.00");
            await Expect(school.GetByLabel("Staff who may order")).ToHaveValueAsync(new Regex(Regex.Escape(School)));

            // A cap that is not an amount, then a list without the manager's own address: each refused, nothing saved.
            var cap = school.GetByLabel("Most the school may order in a financial year, in pounds (optional)");
            await cap.FillAsync("lots");
            await school.GetByRole(AriaRole.Button, new() { Name = "Save the account" }).ClickAsync();
            await Expect(school.Locator(".govuk-error-summary").GetByRole(AriaRole.Link,
                new() { Name = "Enter the annual cap in pounds, like 12000 or 12,000.50, or leave it empty for no cap" })).ToHaveAttributeAsync("href", "#annualCap");
            await CheckAccessibleAndNarrowAsync(school);
            await cap.FillAsync("25000");
            await school.GetByLabel("Staff who may order").FillAsync("bursar@oakfield.example");
            await school.GetByRole(AriaRole.Button, new() { Name = "Save the account" }).ClickAsync();
            await Expect(school.Locator(".govuk-error-summary")).ToContainTextAsync("Keep your own email address in the list");
            Assert.Equal(original.GetProperty("annualCapPence").GetInt64(),
                (await JsonAsync(await api.GetAsync(accountUrl), HttpStatusCode.OK)).GetProperty("annualCapPence").GetInt64());

            await school.GetByLabel("Staff who may order").FillAsync($"{School}\nbursar@oakfield.example");
            await school.GetByRole(AriaRole.Button, new() { Name = "Save the account" }).ClickAsync();
            await Expect(school).ToHaveURLAsync(new Regex("/school$"));
            await Expect(school.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Your school's account is saved.");
            await Expect(school.Locator(".govuk-summary-list")).ToContainTextAsync("£25,000.00, with");
            await Expect(school.Locator(".govuk-summary-list")).ToContainTextAsync("bursar@oakfield.example");
            var saved = await JsonAsync(await api.GetAsync(accountUrl), HttpStatusCode.OK);
            Assert.Equal(2_500_000, saved.GetProperty("annualCapPence").GetInt64());
            Assert.Equal(["bursar@oakfield.example", School], saved.GetProperty("staffEmails").EnumerateArray().Select(e => e.GetString()!).Order().ToArray());
        }
        finally
        {
            // The other browser test reads the demo school's cap: put the account back as it was.
            await JsonAsync(await api.PutAsJsonAsync(accountUrl, new
            {
                name = original.GetProperty("name").GetString(),
                annualCapPence = original.GetProperty("annualCapPence").GetInt64(),
                staffEmails = original.GetProperty("staffEmails").EnumerateArray().Select(e => e.GetString()).ToArray(),
            }), HttpStatusCode.OK);
        }
    }

    /// <summary>Types a date into the GOV.UK date input under <paramref name="legend"/>.</summary>
    private static async Task FillDateAsync(IPage page, string legend, string day, string month, string year)
    {
        var date = page.GetByRole(AriaRole.Group, new() { Name = legend });
        await date.GetByLabel("Day").FillAsync(day);
        await date.GetByLabel("Month").FillAsync(month);
        await date.GetByLabel("Year").FillAsync(year);
    }

    private static async Task AdjustAsync(IPage officer, string direction, string pounds, string reason)
    {
        await officer.GetByLabel("Part of the budget").SelectOptionAsync(new SelectOptionValue { Label = "Education" });
        await officer.GetByLabel(direction).CheckAsync();
        await officer.GetByLabel("Amount in pounds", new() { Exact = true }).FillAsync(pounds);
        await officer.GetByLabel("Reason (the holder sees it)").FillAsync(reason);
        await officer.GetByRole(AriaRole.Button, new() { Name = "Change the budget" }).ClickAsync();
    }

    /// <summary>The demo family orders enough of the offer to reach its education part's £1,000 approval threshold.</summary>
    private static async Task<Guid> PlaceOverThresholdAsync(HttpClient family, DemoOffer offer)
    {
        var quantity = (int)((FamilyEducationThresholdPence + offer.Price - 1) / offer.Price);
        var placed = await JsonAsync(await family.PostAsJsonAsync("/api/purchasing/orders", new
        {
            offerId = offer.Id, offerVersion = offer.Version, costOptionIndex = 0, quantity, forReference = "Sam",
            funding = new { type = "budget", budgetId = DemoBuyersSeeder.FamilyBudgetId, component = "education" },
        }), HttpStatusCode.Created);
        Assert.Equal("awaiting-approval", placed.GetProperty("status").GetString());
        return placed.GetProperty("id").GetGuid();
    }

    private async Task<DemoOffer> OfferAsync(string condition, string what, string orderBy = "id")
    {
        DemoOffer? offer = null;
        await Eventually.Async(async () =>
        {
            await using var connection = new NpgsqlConnection(system.ConnectionString("purchasing"));
            offer = await connection.QueryFirstOrDefaultAsync<DemoOffer>(
                $"""
                SELECT id, version, name, (cost_options -> 0 ->> 'amountPence')::bigint AS price FROM purchasing_offers
                WHERE provider_id = @provider AND status = 'published' AND {condition}
                ORDER BY {orderBy} LIMIT 1
                """, new { provider = DemoRegion.DemoProviderId });
            return offer is not null;
        }, TimeSpan.FromSeconds(60), $"{what} in purchasing's read model");
        return offer!;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(string.IsNullOrEmpty(body) ? "{}" : body).RootElement;
    }

    private static async Task CheckPageAsync(IPage page, string path)
    {
        var response = await page.GotoAsync(path);
        Assert.True(response?.Ok, $"{path} answered {response?.Status}");
        await CheckAccessibleAndNarrowAsync(page);
    }

    /// <summary>axe's WCAG 2.2 AA rules, and nothing wider than the 320 px screen (WCAG 1.4.10 reflow).</summary>
    private static async Task CheckAccessibleAndNarrowAsync(IPage page)
    {
        await BrowserSession.AssertAccessibleAsync(page);
        var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        Assert.True(width <= 320, $"{page.Url} scrolls sideways at 320 px: it is {width} px wide");
    }

    private async Task SignInAsync(IPage page, string user)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email address").FillAsync(user);
        await page.GetByLabel("Password").FillAsync(system.DemoPassword);
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(page).Not.ToHaveURLAsync(new Regex("/sign-in"));
    }
}
