using System.Globalization;

namespace Marketplace.Gateway.Reference;

/// <summary>Money is a whole number of pence; people read and type pounds.</summary>
public static class Money
{
    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");

    /// <summary>"£12.50" for 1250.</summary>
    public static string Format(long pence) => (pence / 100m).ToString("C2", British);

    /// <summary>
    /// Reads an amount in pounds ("12", "12.5", "£1,200.00") into pence, exactly (decimal arithmetic).
    /// Fails for negative amounts, more than two decimal places, or anything that is not a number.
    /// </summary>
    public static bool TryParsePounds(string? text, out long pence)
    {
        pence = 0;
        var trimmed = text?.Trim().Replace("£", "", StringComparison.Ordinal).Trim();
        if (string.IsNullOrEmpty(trimmed)
            || !decimal.TryParse(trimmed, NumberStyles.AllowDecimalPoint | NumberStyles.AllowThousands, British, out var pounds)
            || pounds < 0
            || pounds > 10_000_000m)
        {
            return false;
        }

        var inPence = pounds * 100m;
        if (inPence != decimal.Truncate(inPence))
        {
            return false;
        }

        pence = (long)inPence;
        return true;
    }
}
