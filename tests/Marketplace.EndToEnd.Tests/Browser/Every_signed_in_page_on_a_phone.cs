using System.Text.RegularExpressions;
using Dapper;
using Marketplace.ServiceDefaults.Demo;
using Marketplace.Testing;
using Microsoft.Playwright;
using Npgsql;
using static Microsoft.Playwright.Assertions;

namespace Marketplace.EndToEnd.Tests.Browser;

/// <summary>
/// Every page a signed-in family, school, provider, LA officer and commissioner opens, on a 320 px screen: it answers,
/// passes axe's WCAG 2.2 AA rules and does not scroll sideways (WCAG 1.4.10 reflow). The public pages have their own
/// test in the catalogue; the forms' behaviour is tested where each feature is.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class Every_signed_in_page_on_a_phone(MarketplaceSystem system)
{
    [Fact]
    public async Task Answers_is_accessible_and_fits_the_screen()
    {
        await using var onboarding = new NpgsqlConnection(system.ConnectionString("onboarding"));
        await using var purchasing = new NpgsqlConnection(system.ConnectionString("purchasing"));
        var providerOffer = await onboarding.ExecuteScalarAsync<Guid>(
            "SELECT id FROM offers WHERE provider_id = @DemoProviderId AND status = 'published' ORDER BY id LIMIT 1", new { DemoRegion.DemoProviderId });
        var budget = await purchasing.ExecuteScalarAsync<Guid>(
            "SELECT id FROM budgets WHERE holder_email = @email ORDER BY created_at LIMIT 1", new { email = $"family@{DemoRegion.EmailDomain}" });
        var forFamilies = await purchasing.ExecuteScalarAsync<Guid>(
            "SELECT id FROM purchasing_offers WHERE status = 'published' AND budget_eligible ORDER BY id LIMIT 1");
        var forSchools = await purchasing.ExecuteScalarAsync<Guid>(
            "SELECT id FROM purchasing_offers WHERE status = 'published' AND schools_can_buy ORDER BY id LIMIT 1");
        Assert.NotEqual(Guid.Empty, budget);

        var pages = new (string User, string[] Paths)[]
        {
            ("family", ["/family", "/family/orders", $"/family/budgets/{budget}", $"/family/buy/{forFamilies}"]),
            ("school", ["/school", "/school/account", $"/school/order/{forSchools}"]),
            ("provider",
            [
                "/provider", "/provider/organisation", "/provider/evidence", "/provider/offers", "/provider/offers/new",
                $"/provider/offers/{providerOffer}/edit", $"/provider/offers/{providerOffer}/capacity", $"/provider/offers/{providerOffer}/preview",
                "/provider/orders",
            ]),
            ("officer",
            [
                "/officer/vetting", $"/officer/providers/{DemoRegion.DemoProviderId}", "/officer/moderation", "/officer/audit",
                "/officer/budgets", "/officer/budgets/new", $"/officer/budgets/{budget}", "/officer/approvals", "/officer/orders",
                "/officer/feedback", "/officer/feedback/summary",
            ]),
            ("commissioner", ["/commissioning", "/commissioning/region", "/commissioner/audit", "/commissioner/audit/report"]),
        };

        await using var browser = await BrowserSession.StartAsync(system);
        var problems = new List<string>();
        foreach (var (user, paths) in pages)
        {
            var page = await browser.NewVisitorAsync(width: 320);
            await page.GotoAsync("/sign-in");
            await page.GetByLabel("Email address").FillAsync($"{user}@{DemoRegion.EmailDomain}");
            await page.GetByLabel("Password").FillAsync(system.DemoPassword);
            await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
            await Expect(page).Not.ToHaveURLAsync(new Regex("/sign-in"));
            foreach (var path in paths)
            {
                var response = await page.GotoAsync(path);
                if (response?.Ok != true)
                {
                    problems.Add($"{user} {path}: answered {response?.Status}");
                    continue;
                }

                var width = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
                if (width > 320)
                {
                    // Name the outermost elements that stick out, to say where to look.
                    var wide = await page.EvaluateAsync<string[]>(
                        """
                        () => [...document.querySelectorAll('body *')]
                          .filter(e => e.getBoundingClientRect().right > 321 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > 321))
                          .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).trim().split(/\\s+/).join('.') : ''))
                        """);
                    problems.Add($"{user} {path}: {width} px wide on a 320 px screen ({string.Join(", ", wide)})");
                }

                try
                {
                    await BrowserSession.AssertAccessibleAsync(page);
                }
                catch (Xunit.Sdk.XunitException e)
                {
                    problems.Add($"{user} {path}: {e.Message}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
