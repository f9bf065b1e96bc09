using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Marketplace.Testing;

/// <summary>
/// Debian's Chromium driven by Playwright (never <c>playwright install</c>: no browser download works here),
/// with an axe-core scan against the WCAG 2.2 AA rules for every page a test visits.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    /// <summary>The WCAG levels the public sector accessibility regulations ask for, up to 2.2 AA.</summary>
    public static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    /// <summary>Pages of visitors with JavaScript off: axe (a script) would wait on them for ever.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, object> WithoutJavaScript = [];

    private readonly IPlaywright playwright;
    private readonly IBrowser browser;
    private readonly string baseUrl;

    private BrowserSession(IPlaywright playwright, IBrowser browser, string baseUrl)
    {
        this.playwright = playwright;
        this.browser = browser;
        this.baseUrl = baseUrl;
    }

    public static async Task<BrowserSession> StartAsync(MarketplaceSystem system)
    {
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new()
            {
                ExecutablePath = TestServers.Chromium,
                Headless = true,
                Args =
                [
                    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--no-first-run", "--disable-sync", "--disable-quic",
                ],
            });
            return new BrowserSession(playwright, browser, system.GatewayUrl);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A fresh visitor: its own cookies, British English, relative URLs against the gateway; a phone's width if asked.</summary>
    public async Task<IPage> NewVisitorAsync(bool javaScript = true, int width = 1280)
    {
        var context = await browser.NewContextAsync(new()
        {
            BaseURL = baseUrl,
            JavaScriptEnabled = javaScript,
            Locale = "en-GB",
            ViewportSize = new() { Width = width, Height = 900 },
        });
        context.SetDefaultTimeout(20_000);
        context.SetDefaultNavigationTimeout(30_000);
        var page = await context.NewPageAsync();
        if (!javaScript)
        {
            WithoutJavaScript.Add(page, new object());
        }

        return page;
    }

    /// <summary>Fails, listing every violation, if axe finds any WCAG 2.2 A or AA problem on the page as it is now.</summary>
    public static async Task AssertAccessibleAsync(IPage page)
    {
        Assert.False(WithoutJavaScript.TryGetValue(page, out _),
            "axe runs as a script, so it cannot scan a page whose visitor has JavaScript off: scan the page with a second visitor that has it on.");
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags },
        });
        Assert.True(result.Passes.Length > 0, $"axe ran no rules on {page.Url}: the scan did not work");
        if (result.Violations.Length == 0)
        {
            return;
        }

        var report = new StringBuilder($"{result.Violations.Length} accessibility violation(s) on {page.Url} ({await page.TitleAsync()}):");
        foreach (var violation in result.Violations)
        {
            report.Append($"\n- {violation.Id} ({violation.Impact}): {violation.Help} [{violation.HelpUrl}]");
            foreach (var node in violation.Nodes)
            {
                report.Append($"\n    at {node.Target}: {Shorten(node.Html)}");
            }
        }

        Assert.Fail(report.ToString());
    }

    private static string Shorten(string? html) =>
        html is null ? "" : html.Length <= 200 ? html : html[..200] + "…";

    public async ValueTask DisposeAsync()
    {
        await browser.CloseAsync();
        playwright.Dispose();
    }
}
