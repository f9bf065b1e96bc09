using System.Diagnostics;

namespace Marketplace.Bench;

/// <summary>Runs an operation from concurrent clients and records each call's latency.</summary>
public static class Load
{
    /// <summary>
    /// <paramref name="clients"/> loops call <paramref name="operation"/> (given the client number and
    /// the call number) until <paramref name="requests"/> calls have been made in all. An operation that
    /// returns false or throws counts as an error; its latency is still recorded.
    /// </summary>
    public static async Task<LoadResult> RunAsync(string label, int clients, int requests, Func<int, int, Task<bool>> operation, CancellationToken cancellationToken)
    {
        var latencies = new double[requests];
        var next = -1;
        var errors = 0;
        var total = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            int call;
            while ((call = Interlocked.Increment(ref next)) < requests && !cancellationToken.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await operation(client, call);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    ok = false;
                }

                latencies[call] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                if (!ok)
                {
                    Interlocked.Increment(ref errors);
                }
            }
        }, cancellationToken)));
        total.Stop();
        return new LoadResult(label, clients, requests, errors, total.Elapsed, latencies);
    }
}

public sealed record LoadResult(string Label, int Clients, int Requests, int Errors, TimeSpan Elapsed, double[] LatenciesMs)
{
    public double PerSecond => Requests / Elapsed.TotalSeconds;

    /// <summary>The nearest-rank percentile of the latencies, in milliseconds.</summary>
    public double Percentile(double percentile)
    {
        var sorted = LatenciesMs.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }
}
