using Marketplace.Contracts.Catalogue;
using Marketplace.Contracts.Onboarding;
using Marketplace.Contracts.Purchasing;

namespace Marketplace.Contracts;

/// <summary>
/// Every event and the queue of each consumer of it: the event table of docs/architecture.md as data.
/// A publisher declares these queues and binds them before its first publish of the event, so an event published
/// before a consumer has ever started waits in that consumer's queue instead of being dropped by RabbitMQ (which
/// discards a message no queue is bound for). A queue is named <c>{service}-{consumer in kebab case, without
/// "Consumer"}</c>, as MassTransit names the endpoint. Each service checks at start that its consumers and this
/// table agree, and refuses to start if not (ADR 0018).
/// </summary>
public static class Subscriptions
{
    public static readonly IReadOnlyDictionary<Type, string[]> Queues = new Dictionary<Type, string[]>
    {
        [typeof(ProviderRegistered)] = ["identity-link-provider-owner"],
        [typeof(ProviderApproved)] = [],
        [typeof(ProviderSuspended)] =
        [
            "catalogue-hide-offers-of-suspended-provider", "purchasing-stop-selling-from-suspended-provider",
            "commissioning-track-provider-status",
        ],
        [typeof(ProviderReinstated)] =
        [
            "catalogue-restore-offers-of-reinstated-provider", "purchasing-resume-selling-from-reinstated-provider",
            "commissioning-track-provider-status",
        ],
        [typeof(OfferPublished)] = ["catalogue-show-published-offer", "purchasing-keep-published-offer", "commissioning-keep-offer-snapshot"],
        [typeof(OfferWithdrawn)] = ["catalogue-hide-withdrawn-offer", "purchasing-stop-selling-withdrawn-offer", "commissioning-drop-withdrawn-offer"],
        [typeof(SearchPerformed)] = ["commissioning-count-search"],
        [typeof(BudgetAllocated)] = ["commissioning-count-budgets"],
        [typeof(BudgetAdjusted)] = ["commissioning-count-budgets"],
        [typeof(OrderPlaced)] = ["commissioning-count-orders"],
        [typeof(OrderApproved)] = ["commissioning-count-orders"],
        [typeof(OrderRefused)] = ["commissioning-count-orders"],
        [typeof(OrderAccepted)] = ["commissioning-count-orders"],
        [typeof(OrderDeclined)] = ["commissioning-count-orders"],
        [typeof(OrderCancelled)] = ["commissioning-count-orders"],
        [typeof(OrderDelivered)] = ["commissioning-count-orders"],
        [typeof(InvoiceIssued)] = ["commissioning-count-orders"],
        [typeof(InvoicePaid)] = [],
    };
}
