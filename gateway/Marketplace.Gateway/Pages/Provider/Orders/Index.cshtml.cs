using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Provider.Orders;

/// <summary>A provider's incoming orders: accept, decline (on its own page, with a reason), mark delivered, invoice.</summary>
public sealed class IndexModel(PurchasingClient purchasing) : PageModel
{
    public IReadOnlyList<OrderItem> Orders { get; private set; } = [];
    public IReadOnlyDictionary<Guid, InvoiceItem> Invoices { get; private set; } = new Dictionary<Guid, InvoiceItem>();
    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        if (TempData["Error"] is string error)
        {
            Errors.Add("", error);
        }

        (Orders, Invoices, var answer) = await PurchasingText.OrdersAndInvoicesAsync(this, purchasing, token, ct);
        return answer ?? Page();
    }

    public Task<IActionResult> OnPostAcceptAsync(Guid orderId, CancellationToken ct) => StepAsync(orderId, "acceptance", "You accepted the order.", ct);

    public Task<IActionResult> OnPostDeliverAsync(Guid orderId, CancellationToken ct) =>
        StepAsync(orderId, "delivery", "You marked the order as delivered. Now send your invoice.", ct);

    private async Task<IActionResult> StepAsync(Guid orderId, string step, string success, CancellationToken ct)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await purchasing.StepAsync(orderId, step, null, null, token, ct);
        TempData[result.Succeeded ? "Success" : "Error"] = result.Succeeded ? success : result.Problem?.Describe() ?? "That did not work. Try again later.";
        return Redirect("/provider/orders");
    }
}
