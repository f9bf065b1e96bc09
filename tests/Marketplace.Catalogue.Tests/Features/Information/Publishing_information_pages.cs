using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Testing;

namespace Marketplace.Catalogue.Tests.Features.Information;

/// <summary>Local authority officers write the Local Offer's information pages; everyone reads them, rendered safely.</summary>
[Collection(SystemCollection.Name)]
public sealed class Publishing_information_pages(MarketplaceSystem system)
{
    private static object Page(string slug, string body, int? version = null) => new
    {
        slug,
        title = "Short breaks for disabled children",
        summary = "What short breaks are and how to get one.",
        body,
        sections = new[] { "short-breaks", "social-care" },
        auditAspects = new[] { "general-accessibility" },
        lastReviewed = "2026-01-15",
        version,
    };

    [Fact]
    public async Task The_demo_pages_are_listed_with_their_review_dates_and_sections()
    {
        using var anonymous = system.Gateway();
        var list = await Catalogue.GetJsonAsync(anonymous, "/api/catalogue/pages");
        var slugs = list.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("slug").GetString()).ToList();
        foreach (var slug in new[] { "ehc-needs-assessment", "advice-and-support", "preparing-for-adulthood", "complaints-and-appeals", "personal-budgets" })
        {
            Assert.Contains(slug, slugs);
        }

        var tagged = await Catalogue.GetJsonAsync(anonymous, "/api/catalogue/pages?aspect=general-funding");
        Assert.Equal(["personal-budgets"], tagged.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("slug").GetString()!).ToArray());

        var page = await Catalogue.GetJsonAsync(anonymous, "/api/catalogue/pages/ehc-needs-assessment");
        Assert.True(DateOnly.Parse(page.GetProperty("lastReviewed").GetString()!) <= DateOnly.FromDateTime(DateTime.UtcNow));
        Assert.Contains(page.GetProperty("sections").EnumerateArray(), s => s.GetProperty("code").GetString() == "ehc-needs-assessment");
        Assert.Contains("<h2 class=\"govuk-heading-l\">", page.GetProperty("html").GetString());
    }

    [Fact]
    public async Task An_officers_page_is_shown_with_raw_html_and_unsafe_links_made_harmless()
    {
        var officer = system.As(await system.TokenAsync("officer@demo.localoffer.test"));
        var slug = $"short-breaks-{Guid.NewGuid():N}"[..24];
        var body = """
            # Who can have one

            Families of disabled children. <script>alert('x')</script> <img src=x onerror="alert(1)">

            [Apply online](https://example.org/apply), [call us](tel:01614960000), [a trap](javascript:alert(1)) and ![a picture](https://example.org/p.png).
            """;

        var created = await officer.PostAsJsonAsync("/api/catalogue/pages", Page(slug, body));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var anonymous = system.Gateway();
        var html = (await Catalogue.GetJsonAsync(anonymous, $"/api/catalogue/pages/{slug}")).GetProperty("html").GetString()!;
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.Contains("&lt;script&gt;", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.Contains("a trap", html);
        Assert.Contains("<a href=\"https://example.org/apply\" class=\"govuk-link\">Apply online</a>", html);
        Assert.Contains("<a href=\"tel:01614960000\" class=\"govuk-link\">call us</a>", html);
        Assert.Contains("<h2 class=\"govuk-heading-l\">Who can have one</h2>", html);

        // The gateway renders it at /information/{slug}, with its review date.
        var page = await anonymous.GetStringAsync($"/information/{slug}");
        Assert.Contains("<h1 class=\"govuk-heading-xl\">Short breaks for disabled children</h1>", page);
        Assert.Contains("15 January 2026", page);
        Assert.DoesNotContain("<script>alert", page);
        Assert.Contains($"/information/{slug}", await anonymous.GetStringAsync("/information"));
    }

    [Fact]
    public async Task Each_save_is_a_new_version_and_a_stale_edit_is_refused()
    {
        var officer = system.As(await system.TokenAsync("officer@demo.localoffer.test"));
        var slug = $"versions-{Guid.NewGuid():N}"[..20];
        Assert.Equal(HttpStatusCode.Created, (await officer.PostAsJsonAsync("/api/catalogue/pages", Page(slug, "First words."))).StatusCode);

        var second = await officer.PutAsJsonAsync($"/api/catalogue/pages/{slug}", Page(slug, "Second words.", version: 1));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(2, (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetInt32());

        var stale = await officer.PutAsJsonAsync($"/api/catalogue/pages/{slug}", Page(slug, "Lost words.", version: 1));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);

        using var anonymous = system.Gateway();
        var page = await Catalogue.GetJsonAsync(anonymous, $"/api/catalogue/pages/{slug}");
        Assert.Equal(2, page.GetProperty("version").GetInt32());
        Assert.Equal("Second words.", page.GetProperty("body").GetString());
        var versions = await Catalogue.GetJsonAsync(anonymous, $"/api/catalogue/pages/{slug}/versions");
        Assert.Equal([2, 1], versions.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("version").GetInt32()).ToArray());
    }

    [Fact]
    public async Task Only_local_authority_officers_can_write_pages()
    {
        using var anonymous = system.Gateway();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/catalogue/pages", Page("not-allowed", "Text"))).StatusCode);

        var family = system.As(await system.TokenAsync("family@demo.localoffer.test"));
        Assert.Equal(HttpStatusCode.Forbidden, (await family.PostAsJsonAsync("/api/catalogue/pages", Page("not-allowed", "Text"))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await family.PutAsJsonAsync("/api/catalogue/pages/personal-budgets", Page("personal-budgets", "Text", 1))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/catalogue/pages/not-allowed")).StatusCode);
    }

    [Fact]
    public async Task A_page_with_problems_is_refused_with_each_field_named()
    {
        var officer = system.As(await system.TokenAsync("officer@demo.localoffer.test"));
        var response = await officer.PostAsJsonAsync("/api/catalogue/pages", new
        {
            slug = "Not A Slug!", title = "", body = "", sections = new[] { "astrology" }, auditAspects = new[] { "nothing" }, lastReviewed = "2999-01-01",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["auditAspects", "body", "lastReviewed", "sections", "slug", "title"],
            errors.EnumerateObject().Select(e => e.Name).Order(StringComparer.Ordinal).ToArray());

        var taken = await officer.PostAsJsonAsync("/api/catalogue/pages", Page("personal-budgets", "Text"));
        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.True((await taken.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("slug", out _));
    }

    [Fact]
    public async Task A_page_belongs_to_its_officers_local_authority_and_only_they_can_change_it()
    {
        const string Manchester = "E08000003", Wigan = "E08000010";
        var manchester = system.As(await system.TokenAsync("officer@demo.localoffer.test"));
        var wigan = system.As(await system.TokenAsync("officer.wigan@demo.localoffer.test"));
        var slug = $"manchester-{Guid.NewGuid():N}"[..24];
        Assert.Equal(HttpStatusCode.Created, (await manchester.PostAsJsonAsync("/api/catalogue/pages", Page(slug, "Manchester's words."))).StatusCode);

        using var anonymous = system.Gateway();
        Assert.Equal(Manchester, (await Catalogue.GetJsonAsync(anonymous, $"/api/catalogue/pages/{slug}")).GetProperty("localAuthority").GetString());
        async Task<string?[]> Slugs(string query) => (await Catalogue.GetJsonAsync(anonymous, $"/api/catalogue/pages?{query}"))
            .GetProperty("items").EnumerateArray().Select(p => p.GetProperty("slug").GetString()).ToArray();
        Assert.Contains(slug, await Slugs($"la={Manchester}"));
        var wigans = await Slugs($"la={Wigan}");
        Assert.DoesNotContain(slug, wigans);
        Assert.Contains("ehc-needs-assessment", wigans); // the region's pages serve every LA

        var refused = await wigan.PutAsJsonAsync($"/api/catalogue/pages/{slug}", Page(slug, "Wigan's words.", version: 1));
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("This page belongs to another local authority", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        Assert.Equal("Manchester's words.", (await Catalogue.GetJsonAsync(anonymous, $"/api/catalogue/pages/{slug}")).GetProperty("body").GetString());
        Assert.Equal(HttpStatusCode.OK, (await manchester.PutAsJsonAsync($"/api/catalogue/pages/{slug}", Page(slug, "Still Manchester's.", version: 1))).StatusCode);

        // On the site: a reader chooses their area and sees its pages and the region's, each saying whom it is for.
        var forManchester = await anonymous.GetStringAsync($"/information?la={Manchester}");
        Assert.Contains($"/information/{slug}", forManchester);
        Assert.Contains("For Manchester", forManchester);
        Assert.Contains("For every area", forManchester);
        Assert.DoesNotContain($"/information/{slug}", await anonymous.GetStringAsync($"/information?la={Wigan}"));
        Assert.Contains($"/information/{slug}", await anonymous.GetStringAsync("/information"));

        var bad = await anonymous.GetAsync("/api/catalogue/pages?la=Manchester");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("la", out _));
    }

    [Fact]
    public async Task An_unknown_page_is_not_found_on_the_site()
    {
        using var anonymous = system.Gateway();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/information/no-such-page")).StatusCode);
    }
}
