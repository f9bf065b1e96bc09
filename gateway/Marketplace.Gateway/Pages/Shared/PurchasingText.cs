using System.Net;
using Marketplace.Gateway.Backend;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Shared;

/// <summary>Plain-English words for purchasing's codes, shared by the family, school, provider and officer pages.</summary>
public static class PurchasingText
{
    public static string Component(string? component) => component switch
    {
        "education" => "Education",
        "health" => "Health",
        "social-care" => "Social care",
        _ => component ?? "",
    };

    public static string DeliveryMode(string? mode) => mode switch
    {
        "direct-payment" => "Direct payment",
        "organised" => "Organised by the council",
        "third-party" => "Third-party arrangement",
        _ => mode ?? "",
    };

    public static string Status(string status) => status switch
    {
        "awaiting-approval" => "Waiting for council approval",
        "placed" => "Waiting for the provider",
        "accepted" => "Accepted",
        "declined" => "Declined",
        "refused" => "Refused by the council",
        "cancelled" => "Cancelled",
        "delivered" => "Delivered",
        "invoiced" => "Invoiced",
        "paid" => "Paid",
        _ => status,
    };

    /// <summary>The GOV.UK tag colour for a status.</summary>
    public static string StatusTag(string status) => status switch
    {
        "awaiting-approval" or "placed" => "govuk-tag--yellow",
        "accepted" => "govuk-tag--blue",
        "declined" or "refused" => "govuk-tag--red",
        "cancelled" => "govuk-tag--grey",
        "delivered" or "invoiced" => "govuk-tag--purple",
        "paid" => "govuk-tag--green",
        _ => "",
    };

    public static string Entry(string kind) => kind switch
    {
        "allocation" => "Money allocated",
        "adjustment" => "Change by the council",
        "commitment" => "Set aside for an order",
        "release" => "Given back",
        "spend" => "Spent",
        _ => kind,
    };

    /// <summary>A signed amount in pounds: "+£30.00", "−£30.00", or "£0.00".</summary>
    public static string Change(long pence) => pence > 0 ? "+" + Reference.Money.Format(pence) : pence < 0 ? "−" + Reference.Money.Format(-pence) : Reference.Money.Format(0);

    public static IActionResult? Refusal(PageModel page, HttpStatusCode status) => status switch
    {
        HttpStatusCode.Unauthorized => page.Challenge(),
        HttpStatusCode.Forbidden => page.Forbid(),
        HttpStatusCode.NotFound => page.NotFound(),
        _ => null,
    };

    /// <summary>An order as the signed-in user may see it, or what the page answers instead (sign in, forbidden, not found).</summary>
    public static async Task<(OrderItem? Order, IActionResult? Answer)> OrderAsync(PageModel page, PurchasingClient purchasing, Guid orderId, string token, CancellationToken ct)
    {
        var result = await purchasing.OrderAsync(orderId, token, ct);
        return (result.Value, Refusal(page, result.Status));
    }

    /// <summary>An offer on sale with its price choices, or what the page answers instead (sign in, forbidden, not found).</summary>
    public static async Task<(SellableOffer? Offer, IReadOnlyList<Reference.Option> Prices, IActionResult? Answer)> OfferAsync(
        PageModel page, PurchasingClient purchasing, Guid offerId, string token, CancellationToken ct)
    {
        var result = await purchasing.OfferAsync(offerId, token, ct);
        if (Refusal(page, result.Status) is { } refusal)
        {
            return (null, [], refusal);
        }

        return (result.Value, PriceOptions(result.Value!), null);
    }

    /// <summary>The signed-in buyer's or provider's orders and their invoices by order, or what the page answers instead.</summary>
    public static async Task<(IReadOnlyList<OrderItem> Orders, IReadOnlyDictionary<Guid, InvoiceItem> Invoices, IActionResult? Answer)> OrdersAndInvoicesAsync(
        PageModel page, PurchasingClient purchasing, string token, CancellationToken ct)
    {
        var orders = await purchasing.OrdersAsync(null, token, ct);
        if (Refusal(page, orders.Status) is { } refusal)
        {
            return ([], new Dictionary<Guid, InvoiceItem>(), refusal);
        }

        var invoices = ((await purchasing.InvoicesAsync(token, ct)).Value ?? []).ToDictionary(i => i.OrderId);
        return (orders.Value ?? [], invoices, null);
    }

    /// <summary>A new key for a form that places an order or moves money, so a second press of the button changes nothing.</summary>
    public static string NewIdempotencyKey() => Guid.NewGuid().ToString("N");

    /// <summary>An offer's cost options as the choices of an order form: the value is the option's index.</summary>
    public static IReadOnlyList<Reference.Option> PriceOptions(SellableOffer offer) =>
        offer.CostOptions.Select((p, i) => new Reference.Option(i.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{(string.IsNullOrWhiteSpace(p.Label) ? "Price" : p.Label)}: {(p.AmountPence == 0 ? "free" : Reference.Money.Format(p.AmountPence))}")).ToList();
}
