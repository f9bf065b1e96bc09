using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace Marketplace.Gateway.Pages.Commissioning;

/// <summary>One bar: its label, the value drawn, and the figure shown (which may be "&lt;5": then no bar is drawn).</summary>
public sealed record ChartBar(string Label, double? Value, string Shown);

/// <summary>
/// Charts drawn by the project as SVG, with no script and nothing fetched: an image with a title and a description
/// for screen readers, always placed beside a table of the same figures. Sizes are in the SVG's own units, so the
/// chart scales to its column.
/// </summary>
public static class Charts
{
    private const int Width = 400;
    private static readonly HtmlEncoder Html = HtmlEncoder.Default;

    /// <summary>Horizontal bars, each with its label on the line above it.</summary>
    public static IHtmlContent Bars(string id, string title, string description, IReadOnlyList<ChartBar> bars, double max)
    {
        const int rowHeight = 44;
        var height = Math.Max(rowHeight, bars.Count * rowHeight);
        var svg = Start(id, title, description, height);
        max = max <= 0 ? 1 : max;
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            var y = i * rowHeight;
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"0\" y=\"{y + 14}\" class=\"app-chart__label\">{Html.Encode(bar.Label)}</text>");
            var length = bar.Value is { } v ? Math.Max(1, (Width - 60) * Math.Min(v, max) / max) : 0;
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"{y + 20}\" width=\"{length:0.#}\" height=\"16\" class=\"app-chart__bar\"></rect>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{length + 6:0.#}\" y=\"{y + 33}\" class=\"app-chart__value\">{Html.Encode(bar.Shown)}</text>");
        }

        return End(svg);
    }

    /// <summary>Vertical bars in two series (for example months), with a legend.</summary>
    public static IHtmlContent Columns(string id, string title, string description, IReadOnlyList<string> labels,
        (string Name, IReadOnlyList<ChartBar> Bars) first, (string Name, IReadOnlyList<ChartBar> Bars) second)
    {
        const int top = 30, plot = 150, height = top + plot + 40;
        var svg = Start(id, title, description, height);
        var max = first.Bars.Concat(second.Bars).Select(b => b.Value ?? 0).DefaultIfEmpty(0).Max();
        max = max <= 0 ? 1 : max;
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"0\" y=\"4\" width=\"12\" height=\"12\" class=\"app-chart__bar\"></rect><text x=\"18\" y=\"15\" class=\"app-chart__label\">{Html.Encode(first.Name)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"200\" y=\"4\" width=\"12\" height=\"12\" class=\"app-chart__bar app-chart__bar--second\"></rect><text x=\"218\" y=\"15\" class=\"app-chart__label\">{Html.Encode(second.Name)}</text>");
        var slot = (double)Width / Math.Max(1, labels.Count);
        var barWidth = Math.Max(2, slot / 2 - 2);
        for (var i = 0; i < labels.Count; i++)
        {
            var x = i * slot;
            foreach (var (bar, offset, css) in new[] { (first.Bars[i], 0.0, "app-chart__bar"), (second.Bars[i], barWidth + 1, "app-chart__bar app-chart__bar--second") })
            {
                var h = bar.Value is { } v ? plot * v / max : 0;
                if (h > 0)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{x + offset:0.#}\" y=\"{top + plot - h:0.#}\" width=\"{barWidth:0.#}\" height=\"{h:0.#}\" class=\"{css}\"></rect>");
                }
                else if (bar.Shown == "<5")
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x + offset:0.#}\" y=\"{top + plot - 4}\" class=\"app-chart__small\">&lt;5</text>");
                }
            }

            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{x:0.#}\" y=\"{top + plot + 18}\" class=\"app-chart__small\">{Html.Encode(labels[i])}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"0\" y1=\"{top + plot}\" x2=\"{Width}\" y2=\"{top + plot}\" class=\"app-chart__axis\"></line>");
        return End(svg);
    }

    /// <summary>The number a figure such as "12", "&lt;5" or "" stands for, when it can be drawn.</summary>
    public static double? Value(string shown) =>
        double.TryParse(shown, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : null;

    private static StringBuilder Start(string id, string title, string description, int height) =>
        new StringBuilder().Append(CultureInfo.InvariantCulture,
            $"<svg class=\"app-chart\" viewBox=\"0 0 {Width} {height}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" focusable=\"false\">" +
            $"<title id=\"{id}-title\">{Html.Encode(title)}</title><desc id=\"{id}-desc\">{Html.Encode(description)}</desc>");

    private static HtmlString End(StringBuilder svg) => new(svg.Append("</svg>").ToString());
}
