namespace Marketplace.Gateway.Reference;

/// <summary>A code the services understand and the words a person reads for it.</summary>
public sealed record Option(string Value, string Text);

public static class OptionListExtensions
{
    /// <summary>The label for <paramref name="value"/>, or the value itself when the list does not know it.</summary>
    public static string TextFor(this IReadOnlyList<Option> options, string? value) =>
        options.FirstOrDefault(o => string.Equals(o.Value, value, StringComparison.OrdinalIgnoreCase))?.Text ?? value ?? "";

    public static bool Contains(this IReadOnlyList<Option> options, string? value) =>
        options.Any(o => string.Equals(o.Value, value, StringComparison.OrdinalIgnoreCase));
}
