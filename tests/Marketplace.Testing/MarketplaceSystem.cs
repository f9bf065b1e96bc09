using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Dapper;
using Npgsql;

namespace Marketplace.Testing;

/// <summary>
/// The whole marketplace, started as real processes from this build's output (the same way
/// <c>./marketplace up</c> starts it) against the test run's PostgreSQL and RabbitMQ: its own databases
/// (prefixed) and its own RabbitMQ vhost, so that test projects never see each other's data or events.
/// </summary>
public sealed class MarketplaceSystem : IAsyncLifetime
{
    public static readonly string[] Services = ["identity", "onboarding", "catalogue", "purchasing", "commissioning"];

    private readonly List<(string Name, Process Process)> processes = [];
    private readonly ConcurrentQueue<string> log = new();

    public string Prefix { get; } = $"t{Guid.NewGuid():N}"[..12];
    public string VirtualHost => Prefix;
    public string DemoPassword { get; } = $"demo-{Guid.NewGuid():N}";
    public Dictionary<string, int> Ports { get; } = [];
    public string GatewayUrl => $"http://127.0.0.1:{Ports["gateway"]}";

    public string Amqp => $"{TestServers.Amqp.TrimEnd('/')}/{VirtualHost}";

    /// <summary>
    /// Services started on their own, on a broker none of the others has used yet, and given time to publish their
    /// whole outbox before the rest start: how a fresh deployment can start when nothing orders it.
    /// </summary>
    public IReadOnlyList<string> StartFirst { get; init; } = [];

    public string ConnectionString(string service) =>
        new NpgsqlConnectionStringBuilder(TestServers.Postgres) { Database = $"{Prefix}_{service}" }.ConnectionString;

    public HttpClient Gateway() => new() { BaseAddress = new Uri(GatewayUrl), Timeout = TimeSpan.FromSeconds(30) };

    public HttpClient Service(string name) => new() { BaseAddress = new Uri($"http://127.0.0.1:{Ports[name]}"), Timeout = TimeSpan.FromSeconds(30) };

    public async Task InitializeAsync()
    {
        await TestServers.CreateVirtualHostAsync(VirtualHost);
        foreach (var name in Services.Append("gateway"))
        {
            Ports[name] = FreePort();
        }

        var root = RepositoryRoot();
        foreach (var name in StartFirst)
        {
            Start(root, name, $"services/{Capitalise(name)}/Marketplace.{Capitalise(name)}", $"Marketplace.{Capitalise(name)}");
        }

        await WaitUntilReadyAsync(StartFirst, TimeSpan.FromSeconds(120));
        foreach (var name in StartFirst)
        {
            await Eventually.Async(async () =>
            {
                await using var connection = new NpgsqlConnection(ConnectionString(name));
                return await connection.ExecuteScalarAsync<bool>(
                    "SELECT count(*) > 0 AND count(*) FILTER (WHERE sent_at IS NULL) = 0 FROM outbox_messages");
            }, TimeSpan.FromSeconds(90), $"{name} to publish its outbox\n{RecentLog()}");
        }

        foreach (var name in Services.Except(StartFirst))
        {
            Start(root, name, $"services/{Capitalise(name)}/Marketplace.{Capitalise(name)}", $"Marketplace.{Capitalise(name)}");
        }

        Start(root, "gateway", "gateway/Marketplace.Gateway", "Marketplace.Gateway");
        await WaitUntilReadyAsync(Ports.Keys, TimeSpan.FromSeconds(120));
        // The demo region's offers reach the catalogue through the outbox; wait until they are all there.
        await Eventually.Async(async () =>
        {
            await using var catalogue = new NpgsqlConnection(ConnectionString("catalogue"));
            await using var onboarding = new NpgsqlConnection(ConnectionString("onboarding"));
            var published = await onboarding.ExecuteScalarAsync<int>("SELECT count(*) FROM offers WHERE status = 'published'");
            var shown = await catalogue.ExecuteScalarAsync<int>("SELECT count(*) FROM catalogue_offers WHERE status = 'published'");
            return published > 0 && published == shown;
        }, TimeSpan.FromSeconds(90), "the demo offers to reach the catalogue");
    }

    public async Task DisposeAsync()
    {
        StopProcesses();

        await TestServers.DeleteVirtualHostAsync(VirtualHost);
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(TestServers.Postgres);
        foreach (var name in Services)
        {
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS \"{Prefix}_{name}\" WITH (FORCE)");
        }
    }

    /// <summary>Kills every process this system started and waits for them (also safe to call when the host is being stopped).</summary>
    public void StopProcesses()
    {
        foreach (var (_, process) in processes)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit();
                }
            }
            catch (InvalidOperationException)
            {
            }
        }
    }

    /// <summary>Each process's peak resident memory so far, in bytes (for the benchmarks).</summary>
    public IEnumerable<(string Name, long Bytes)> PeakMemory()
    {
        foreach (var (name, process) in processes)
        {
            process.Refresh();
            yield return (name, process.HasExited ? 0 : process.PeakWorkingSet64);
        }
    }

    /// <summary>The last lines the processes wrote, for a failing test's message.</summary>
    public string RecentLog(int lines = 80) => string.Join('\n', log.TakeLast(lines));

    public async Task<string> TokenAsync(string user, string? password = null)
    {
        using var client = Gateway();
        var response = await client.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["username"] = user,
            ["password"] = password ?? DemoPassword,
            ["client_id"] = "marketplace-cli",
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"token request for {user} failed: {(int)response.StatusCode} {body}");
        return JsonDocument.Parse(body).RootElement.GetProperty("access_token").GetString()!;
    }

    /// <summary>
    /// Starts one more gateway in front of the same services, with settings of the test's own (for
    /// example low rate limits), and waits until it is ready. It stops with the system.
    /// </summary>
    public async Task<string> StartExtraGatewayAsync(string name, IReadOnlyDictionary<string, string> settings)
    {
        Ports[name] = FreePort();
        Start(RepositoryRoot(), name, "gateway/Marketplace.Gateway", "Marketplace.Gateway", settings);
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        await Eventually.Async(async () =>
        {
            try
            {
                return (await client.GetAsync($"http://127.0.0.1:{Ports[name]}/health/ready")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), $"{name} to be ready\n{RecentLog()}");
        return $"http://127.0.0.1:{Ports[name]}";
    }

    private void Start(string root, string name, string projectDir, string assembly, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var dll = Path.Combine(root, "artifacts", "bin", assembly, BuildConfiguration(), $"{assembly}.dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"Build the solution first: {dll} is missing.");
        }

        var psi = new ProcessStartInfo("dotnet", [dll, "--urls", $"http://127.0.0.1:{Ports[name]}"])
        {
            WorkingDirectory = Path.Combine(root, projectDir),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var env = psi.Environment;
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["DOTNET_gcServer"] = "0";
        env["ConnectionStrings__Postgres"] = TestServers.Postgres;
        env["ConnectionStrings__RabbitMq"] = Amqp;
        env["Marketplace__Database"] = $"{Prefix}_{name}";
        env["Marketplace__SeedDemo"] = "true";
        env["MARKETPLACE_DEMO_PASSWORD"] = DemoPassword;
        env["Identity__Issuer"] = GatewayUrl;
        env["DataProtection__KeysPath"] = Path.Combine(Path.GetTempPath(), Prefix, "keys");
        env["RateLimiting__SignInPerMinute"] = "1000";
        env["RateLimiting__TokenPerMinute"] = "1000";
        env["RateLimiting__FeedbackPerMinute"] = "1000";
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }
        foreach (var service in Services)
        {
            env[$"Services__{Capitalise(service)}"] = $"http://127.0.0.1:{Ports[service]}";
        }

        var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue($"[{name}] {e.Data}"); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) log.Enqueue($"[{name}] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        processes.Add((name, process));
    }

    private async Task WaitUntilReadyAsync(IEnumerable<string> names, TimeSpan timeout)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        foreach (var (name, port) in Ports.Where(p => names.Contains(p.Key)))
        {
            await Eventually.Async(async () =>
            {
                var exited = processes.FirstOrDefault(p => p.Process.HasExited);
                if (exited.Process is not null)
                {
                    throw new InvalidOperationException($"{exited.Name} exited with {exited.Process.ExitCode}:\n{RecentLog()}");
                }

                try
                {
                    return (await client.GetAsync($"http://127.0.0.1:{port}/health/ready")).StatusCode == HttpStatusCode.OK;
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
                {
                    return false; // not listening yet, or too slow to answer on a loaded machine: ask again
                }
            }, timeout, $"{name} to be ready\n{RecentLog()}");
        }
    }

    private static string Capitalise(string s) => char.ToUpperInvariant(s[0]) + s[1..];

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>artifacts/bin/&lt;project&gt;/&lt;config&gt;/ — this test assembly's own configuration folder.</summary>
    private static string BuildConfiguration() => new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/')).Name;

    public static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Marketplace.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Marketplace.sln not found above the test assembly.");
    }
}

public static class Eventually
{
    public static async Task Async(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (await condition())
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0}s waiting for {what}.");
            }

            await Task.Delay(100);
        }
    }
}
