using System.Runtime.InteropServices;
using Marketplace.Bench;
using Marketplace.Testing;

// ./marketplace bench NAME [--option N ...]: started by the script with the bench servers in the
// MARKETPLACE_TEST_* variables, like the tests.
var benchmarks = typeof(Benchmark).Assembly.GetTypes()
    .Where(t => t.IsSubclassOf(typeof(Benchmark)) && !t.IsAbstract)
    .Select(t => (Benchmark)Activator.CreateInstance(t)!)
    .OrderBy(b => b.Name)
    .ToDictionary(b => b.Name, StringComparer.OrdinalIgnoreCase);

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var benchmark))
{
    Console.Error.WriteLine("usage: ./marketplace bench NAME [--option N ...]\n\nbenchmarks:");
    foreach (var b in benchmarks.Values)
    {
        Console.Error.WriteLine($"  {b.Name,-12} {b.Description}");
    }

    return 2;
}

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var report = new BenchReport();
var system = new MarketplaceSystem();
// Stopped by kill or a closed terminal: take the marketplace's processes down too (Ctrl-C cancels the run instead,
// and the finally below stops them).
using var onTerm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, _ => system.StopProcesses());
using var onHangUp = PosixSignalRegistration.Create(PosixSignal.SIGHUP, _ => system.StopProcesses());
BenchReport.Progress("starting the marketplace");
await system.InitializeAsync();
try
{
    report.Heading($"{benchmark.Name}: {benchmark.Description}");
    report.Machine();
    report.Line();
    await benchmark.RunAsync(new BenchContext(system, report, args[1..]), cancellation.Token);
    report.Memory(system);
    var saved = Path.Combine(Directory.GetCurrentDirectory(), "TestResults", $"bench-{benchmark.Name}.md");
    report.Save(saved);
    BenchReport.Progress($"report saved to {saved}");
    return 0;
}
finally
{
    await system.DisposeAsync();
}
