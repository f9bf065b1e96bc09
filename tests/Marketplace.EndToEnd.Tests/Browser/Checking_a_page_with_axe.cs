using Marketplace.Testing;

namespace Marketplace.EndToEnd.Tests.Browser;

/// <summary>The accessibility check the browser tests rely on really fails on an inaccessible page.</summary>
[Collection(SystemCollection.Name)]
public sealed class Checking_a_page_with_axe(MarketplaceSystem system)
{
    [Fact]
    public async Task Fails_naming_the_rule_and_the_element_when_an_image_has_no_alternative_text()
    {
        await using var browser = await BrowserSession.StartAsync(system);
        var page = await browser.NewVisitorAsync();
        await page.SetContentAsync("""
            <!DOCTYPE html>
            <html lang="en"><head><title>Broken</title></head>
            <body><main><h1>Broken</h1><img id="no-alt" src="/favicon.svg"></main></body></html>
            """);

        var failure = await Assert.ThrowsAnyAsync<Xunit.Sdk.XunitException>(() => BrowserSession.AssertAccessibleAsync(page));
        Assert.Contains("image-alt (critical)", failure.Message);
        Assert.Contains("#no-alt", failure.Message);
    }
}
