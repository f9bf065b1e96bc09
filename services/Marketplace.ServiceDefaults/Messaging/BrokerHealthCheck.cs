using System.Net.Sockets;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Marketplace.ServiceDefaults.Messaging;

/// <summary>
/// Ready only while the broker accepts connections and the bus reports itself healthy. The bus alone can
/// look healthy for a while after the broker went away (a service with no consumers has nothing to
/// notice it), so the broker's listener is probed too: one TCP connect, no AMQP session.
/// </summary>
public sealed class BrokerHealthCheck(IBusControl bus, IConfiguration configuration) : IHealthCheck
{
    private readonly Uri amqp = new(configuration.GetConnectionString("RabbitMq")!);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(2));
            using var client = new TcpClient();
            await client.ConnectAsync(amqp.Host, amqp.IsDefaultPort ? 5672 : amqp.Port, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The message broker does not accept connections.", e);
        }

        var health = bus.CheckHealth();
        return health.Status == BusHealthStatus.Healthy
            ? HealthCheckResult.Healthy(health.Description)
            : HealthCheckResult.Unhealthy($"The message bus is not ready: {health.Description}");
    }
}
