using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace Marketplace.Testing;

/// <summary>
/// The PostgreSQL and RabbitMQ servers that <c>./marketplace test</c> started for this run (own data
/// folders, own ports). Tests share the servers and isolate themselves by database names and a vhost.
/// </summary>
public static class TestServers
{
    public static string Postgres => Require("MARKETPLACE_TEST_PG");
    public static string Amqp => Require("MARKETPLACE_TEST_AMQP");
    public static string RabbitManagement => Require("MARKETPLACE_TEST_RABBIT_MGMT");
    public static string RabbitNode => Require("MARKETPLACE_TEST_RABBIT_NODE");
    public static string Chromium => Environment.GetEnvironmentVariable("MARKETPLACE_TEST_CHROMIUM") ?? "/usr/bin/chromium";

    private static string Require(string name) => Environment.GetEnvironmentVariable(name)
        ?? throw new InvalidOperationException($"{name} is not set: run the tests with ./marketplace test, which starts the test servers.");

    private static HttpClient Management()
    {
        var client = new HttpClient { BaseAddress = new Uri(RabbitManagement) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes("guest:guest")));
        return client;
    }

    public static async Task CreateVirtualHostAsync(string vhost)
    {
        using var client = Management();
        (await client.PutAsync($"/api/vhosts/{vhost}", new StringContent("{}", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        (await client.PutAsync($"/api/permissions/{vhost}/guest",
            new StringContent("""{"configure":".*","write":".*","read":".*"}""", Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
    }

    public static async Task DeleteVirtualHostAsync(string vhost)
    {
        using var client = Management();
        await client.DeleteAsync($"/api/vhosts/{vhost}");
    }

    /// <summary>Messages waiting in a queue of a vhost (for error-queue checks).</summary>
    public static async Task<string> QueuesAsync(string vhost)
    {
        using var client = Management();
        return await client.GetStringAsync($"/api/queues/{vhost}");
    }

    /// <summary>Stops or starts the broker application (the Erlang node stays up), as an outage would.</summary>
    public static void RabbitCtl(string command)
    {
        var psi = new ProcessStartInfo("rabbitmqctl", ["-q", "-n", RabbitNode, command])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (Environment.UserName == "root")
        {
            psi = new ProcessStartInfo("runuser", ["-u", "rabbitmq", "--", "env", "HOME=/var/lib/rabbitmq", "LC_ALL=C.UTF-8", "/usr/lib/rabbitmq/bin/rabbitmqctl", "-q", "-n", RabbitNode, command])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
        }

        using var process = Process.Start(psi)!;
        process.WaitForExit(120_000);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"rabbitmqctl {command} failed: {process.StandardError.ReadToEnd()}");
        }
    }
}
