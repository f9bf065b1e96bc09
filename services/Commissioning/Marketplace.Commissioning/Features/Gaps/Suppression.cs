using System.Globalization;

namespace Marketplace.Commissioning.Features.Gaps;

/// <summary>
/// Small-number suppression, applied to every figure before it leaves the service (JSON, CSV and the pages all
/// read these strings): a count from 1 to 4 is shown as "&lt;5"; zero shows. A figure worked out from such a count
/// (a rate, a median, money) is shown as "&lt;5" too, because with the other figures it would give the count away.
/// </summary>
public static class Suppression
{
    public const string Marker = "<5";

    public static bool IsSmall(long count) => count is >= 1 and <= 4;

    public static string Count(long count) => IsSmall(count) ? Marker : count.ToString(CultureInfo.InvariantCulture);

    /// <summary>A derived figure: "" when there is none, "&lt;5" when it rests on a small count.</summary>
    public static string Derived(double? value, string format, params long[] restsOn) =>
        restsOn.Any(IsSmall) ? Marker : value is { } v && double.IsFinite(v) ? v.ToString(format, CultureInfo.InvariantCulture) : "";

    /// <summary>Pence as pounds, withheld when the number of invoices behind it is small.</summary>
    public static string Pounds(long pence, long invoices) => IsSmall(invoices) ? Marker : (pence / 100m).ToString("0.00", CultureInfo.InvariantCulture);
}
