using Marketplace.ServiceDefaults.Demo;

namespace Marketplace.Gateway.Reference;

/// <summary>The North West's local authorities (ONS codes) that this deployment's Local Offer covers.</summary>
public static class LocalAuthorities
{
    public static readonly IReadOnlyList<Option> NorthWest = [.. DemoRegion.LocalAuthorities.Select(la => new Option(la.Code, la.Name))];

    /// <summary>The same list in alphabetical order, for people choosing from it.</summary>
    public static readonly IReadOnlyList<Option> Alphabetical = [.. NorthWest.OrderBy(o => o.Text, StringComparer.Ordinal)];

    public static string NameOf(string? code) => NorthWest.TextFor(code);
}
