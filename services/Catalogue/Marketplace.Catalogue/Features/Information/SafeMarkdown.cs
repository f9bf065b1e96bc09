using Markdig;
using Markdig.Extensions.Tables;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace Marketplace.Catalogue.Features.Information;

/// <summary>
/// Renders an officer's Markdown as HTML that is safe to put in a page: raw HTML in the Markdown is shown as text,
/// links keep only http(s), mailto, tel and site-relative addresses (others become plain text), images become their
/// alt text, and elements get the GOV.UK Design System's classes. Headings move down a level: the page title is the h1.
/// </summary>
public static class SafeMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UsePipeTables().Build();

    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var node in document.Descendants().ToList())
        {
            switch (node)
            {
                case HeadingBlock heading:
                    heading.Level = Math.Min(heading.Level + 1, 6);
                    heading.GetAttributes().AddClass(heading.Level switch { 2 => "govuk-heading-l", 3 => "govuk-heading-m", _ => "govuk-heading-s" });
                    break;
                case ParagraphBlock paragraph:
                    paragraph.GetAttributes().AddClass("govuk-body");
                    break;
                case ListBlock list:
                    list.GetAttributes().AddClass(list.IsOrdered ? "govuk-list govuk-list--number" : "govuk-list govuk-list--bullet");
                    break;
                case Table table:
                    table.GetAttributes().AddClass("govuk-table");
                    break;
                case LinkInline { IsImage: true } image:
                    image.ReplaceBy(new LiteralInline(TextOf(image)));
                    break;
                case LinkInline link when !IsSafe(link.Url):
                    link.ReplaceBy(new LiteralInline(TextOf(link)));
                    break;
                case LinkInline link:
                    link.GetAttributes().AddClass("govuk-link");
                    break;
                case AutolinkInline autolink when !IsSafe(autolink.Url):
                    autolink.ReplaceBy(new LiteralInline(autolink.Url));
                    break;
                case AutolinkInline autolink:
                    autolink.GetAttributes().AddClass("govuk-link");
                    break;
            }
        }

        return document.ToHtml(Pipeline);
    }

    /// <summary>Only addresses a reader can follow safely: web pages, email, phone, and this site's own pages.</summary>
    public static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        var trimmed = url.Trim();
        if ((trimmed.StartsWith('/') && !trimmed.StartsWith("//", StringComparison.Ordinal)) || trimmed.StartsWith('#'))
        {
            return true;
        }

        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeMailto || uri.Scheme == "tel");
    }

    private static string TextOf(ContainerInline inline) =>
        string.Concat(inline.Descendants<LiteralInline>().Select(l => l.Content.ToString()));
}
