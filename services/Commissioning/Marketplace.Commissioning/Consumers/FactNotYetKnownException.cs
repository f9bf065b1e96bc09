namespace Marketplace.Commissioning.Consumers;

/// <summary>
/// An event arrived before the fact it depends on (an order step before the order, an order before its offer):
/// events from different queues can overtake each other. Thrown inside the inbox transaction, so nothing is
/// recorded and the bus retries the message; the fact it waits for is already on its way.
/// </summary>
public sealed class FactNotYetKnownException(string message) : Exception(message);
