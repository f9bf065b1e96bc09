using Marketplace.Gateway.Reference;

namespace Marketplace.Gateway.Pages.Shared;

/// <summary>A GOV.UK text input with its label, hint and error message.</summary>
public sealed record TextField(string Id, string Label, string? Value, string? Error = null)
{
    public string Name { get; init; } = Id;
    public string? Hint { get; init; }
    public string Type { get; init; } = "text";
    public string? Width { get; init; }
    public string? Autocomplete { get; init; }
    public string? InputMode { get; init; }
    public bool Spellcheck { get; init; } = true;
    public string? Prefix { get; init; }
}

/// <summary>A GOV.UK textarea.</summary>
public sealed record TextAreaField(string Id, string Label, string? Value, string? Error = null)
{
    public string Name { get; init; } = Id;
    public string? Hint { get; init; }
    public int Rows { get; init; } = 5;
}

/// <summary>A GOV.UK select; <see cref="Blank"/> is the text of the empty first option.</summary>
public sealed record SelectField(string Id, string Label, string? Value, IReadOnlyList<Option> Options, string? Error = null)
{
    public string Name { get; init; } = Id;
    public string? Hint { get; init; }
    public string? Blank { get; init; }
}

/// <summary>GOV.UK checkboxes (<see cref="Multiple"/>) or radios in a fieldset with a legend.</summary>
public sealed record ChoiceField(string Id, string Legend, IReadOnlyList<Option> Options, IReadOnlyCollection<string> Selected, string? Error = null)
{
    public string Name { get; init; } = Id;
    public string? Hint { get; init; }
    public bool Multiple { get; init; }
    public bool Small { get; init; }
    public string LegendSize { get; init; } = "m";

    /// <summary>GOV.UK's convention: the first option has the field's id (so the error summary can link to it).</summary>
    public string OptionId(int index) => index == 0 ? Id : $"{Id}-{index + 1}";

    public bool IsSelected(string value) => Selected.Contains(value, StringComparer.OrdinalIgnoreCase);
}

/// <summary>
/// A GOV.UK date input: day, month and year boxes under one legend, posted as <c>{Name}.Day</c>, <c>{Name}.Month</c> and
/// <c>{Name}.Year</c> into a <see cref="DateParts"/>. The day box carries <see cref="Id"/>, so the error summary's link
/// lands on it.
/// </summary>
public sealed record DateField(string Id, string Legend, DateParts? Value, string? Error = null)
{
    public string Name { get; init; } = Id;
    public string? Hint { get; init; }
    public string LegendSize { get; init; } = "s";
}

/// <summary>A date as typed into a GOV.UK date input.</summary>
public sealed class DateParts
{
    public string? Day { get; set; }
    public string? Month { get; set; }
    public string? Year { get; set; }

    public bool IsEmpty => string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    public static DateParts Of(DateOnly date) => new()
    {
        Day = date.Day.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Month = date.Month.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Year = date.Year.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// The date, or null with the GOV.UK message for what is wrong: "{what} must include a day, month and year" or
    /// "{what} must be a real date". An empty date is for the caller to allow or refuse (<see cref="IsEmpty"/>).
    /// </summary>
    public DateOnly? Read(string what, string example, out string? error)
    {
        error = null;
        string[] parts = [Day?.Trim() ?? "", Month?.Trim() ?? "", Year?.Trim() ?? ""];
        if (parts.Any(p => p == ""))
        {
            error = $"{what} must include a day, month and year";
            return null;
        }

        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        if (!int.TryParse(parts[0], System.Globalization.NumberStyles.None, invariant, out var day)
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, invariant, out var month)
            || !int.TryParse(parts[2], System.Globalization.NumberStyles.None, invariant, out var year)
            || year is < 1000 or > 9999 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = $"{what} must be a real date, like {example}";
            return null;
        }

        return new DateOnly(year, month, day);
    }
}
