using MassTransit;
using Marketplace.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.ServiceDefaults.Messaging;

/// <summary>
/// Makes <see cref="Subscriptions"/> true on the broker and in the code (ADR 0018): every publisher declares each
/// event's consumer queues, bound to the event's exchange, before it first publishes the event; and a service refuses to start when
/// its own consumers and the table disagree, so the table cannot silently fall behind the code.
/// </summary>
public static class ConsumerQueues
{
    /// <summary>Configures the publish topology of every event in <see cref="Subscriptions"/>.</summary>
    public static void DeclareOnPublish(IRabbitMqBusFactoryConfigurator rabbit)
    {
        var bind = typeof(ConsumerQueues).GetMethod(nameof(Bind), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        foreach (var (eventType, queues) in Subscriptions.Queues)
        {
            bind.MakeGenericMethod(eventType).Invoke(null, [rabbit, queues]);
        }
    }

    private static void Bind<T>(IRabbitMqBusFactoryConfigurator rabbit, string[] queues) where T : class =>
        rabbit.Publish<T>(topology =>
        {
            foreach (var queue in queues)
            {
                // Event exchange straight to the queue; the consumer adds its own path through its exchange when it starts,
                // and RabbitMQ delivers a message once to a queue however many of its bindings match.
                topology.BindQueue(topology.Exchange.ExchangeName, queue);
            }
        });

    /// <summary>
    /// The queue each (event, consumer) pair of this service's registered consumers reads, named as MassTransit names
    /// the consumer's endpoint; throws when <see cref="Subscriptions"/> lists a different set for this service.
    /// </summary>
    public static void CheckAgainstTable(IServiceCollection services, string serviceName)
    {
        var formatter = new KebabCaseEndpointNameFormatter(serviceName, false);
        var name = typeof(IEndpointNameFormatter).GetMethod(nameof(IEndpointNameFormatter.Consumer))!;
        var actual = services
            .Select(d => d.ServiceType)
            .Where(t => t.IsClass && !t.IsAbstract && t.Namespace?.StartsWith("Marketplace.", StringComparison.Ordinal) == true)
            .Distinct()
            .SelectMany(consumer => consumer.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>))
                .Select(i => (Event: i.GetGenericArguments()[0], Queue: (string)name.MakeGenericMethod(consumer).Invoke(formatter, null)!)))
            .ToHashSet();
        var listed = Subscriptions.Queues
            .SelectMany(s => s.Value.Select(queue => (Event: s.Key, Queue: queue)))
            .Where(s => s.Queue.StartsWith(serviceName + "-", StringComparison.Ordinal))
            .ToHashSet();
        var missing = actual.Except(listed).Select(s => $"{s.Event.Name} → {s.Queue} is consumed but not listed");
        var extra = listed.Except(actual).Select(s => $"{s.Event.Name} → {s.Queue} is listed but not consumed");
        var problems = missing.Concat(extra).ToList();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(
                $"Marketplace.Contracts.Subscriptions disagrees with {serviceName}'s consumers: {string.Join("; ", problems)}.");
        }
    }
}
