using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Marketplace.Testing;

namespace Marketplace.Bench;

/// <summary>
/// Prints a benchmark's figures as Markdown (ready to paste into docs/performance.md) and keeps a copy
/// in <c>TestResults/bench-NAME.md</c>.
/// </summary>
public sealed class BenchReport
{
    private readonly StringBuilder text = new();

    public void Heading(string heading) => Line($"\n### {heading}\n");

    public void Line(string line = "")
    {
        Console.WriteLine(line);
        text.AppendLine(line);
    }

    /// <summary>A progress message: shown, not kept in the report.</summary>
    public static void Progress(string message) => Console.Error.WriteLine($"bench: {message}");

    public void Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        Line($"| {string.Join(" | ", header)} |");
        Line($"|{string.Concat(header.Select(_ => "---|"))}");
        foreach (var row in rows)
        {
            Line($"| {string.Join(" | ", row)} |");
        }

        Line();
    }

    /// <summary>A latency table: one row per measured path, with the ratio of each to the first.</summary>
    public void Latencies(params LoadResult[] results)
    {
        var baseline = results[0];
        Table(
            ["path", "clients", "requests", "errors", "per second", "p50 ms", "p95 ms", "p99 ms", $"throughput vs {baseline.Label}"],
            results.Select(r => (IReadOnlyList<string>)
            [
                r.Label, N(r.Clients), N(r.Requests), N(r.Errors), F(r.PerSecond, "0.0"),
                F(r.Percentile(50)), F(r.Percentile(95)), F(r.Percentile(99)), F(r.PerSecond / baseline.PerSecond, "0.00"),
            ]));
    }

    /// <summary>Each marketplace process's peak resident memory so far.</summary>
    public void Memory(MarketplaceSystem system) => Table(
        ["process", "peak resident MB"],
        system.PeakMemory().Select(p => (IReadOnlyList<string>)[p.Name, F(p.Bytes / 1024.0 / 1024.0, "0")]));

    /// <summary>The machine and date, for the record.</summary>
    public void Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        var memory = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1024.0 / 1024 / 1024;
        Line($"Machine: {cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}, {Environment.ProcessorCount} cores, "
            + $"{memory:0} GiB, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}. "
            + $"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.");
    }

    public void Save(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text.ToString());
    }

    public static string N(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string F(double value, string format = "0.0") => value.ToString(format, CultureInfo.InvariantCulture);
}
