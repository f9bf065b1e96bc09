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
