using Marketplace.Testing;

namespace Marketplace.Bench;

/// <summary>
/// One named benchmark of <c>./marketplace bench NAME</c>. Subclasses are found by reflection: add a
/// class, and its <see cref="Name"/> becomes a command.
/// </summary>
public abstract class Benchmark
{
    public abstract string Name { get; }

    public abstract string Description { get; }

    public abstract Task RunAsync(BenchContext context, CancellationToken cancellationToken);
}

/// <summary>What a benchmark runs against and reports to.</summary>
public sealed class BenchContext(MarketplaceSystem system, BenchReport report, IReadOnlyList<string> arguments)
{
    /// <summary>The whole marketplace, started as real processes against the bench servers.</summary>
    public MarketplaceSystem System { get; } = system;

    public BenchReport Report { get; } = report;

    /// <summary>Arguments after the benchmark's name, e.g. <c>--offers 30000</c>.</summary>
    public IReadOnlyList<string> Arguments { get; } = arguments;

    /// <summary>The value of <c>--name N</c> among the arguments, or the default.</summary>
    public int Option(string name, int defaultValue)
    {
        var index = Arguments.ToList().IndexOf($"--{name}");
        return index >= 0 && index + 1 < Arguments.Count && int.TryParse(Arguments[index + 1], out var value) ? value : defaultValue;
    }
}
