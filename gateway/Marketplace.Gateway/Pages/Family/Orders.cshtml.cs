using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Family;

/// <summary>A family's orders with their progress; an order not yet delivered can be cancelled, and a direct payment's invoice marked paid.</summary>
[Authorize(Roles = FamilyPages.Roles)]
public sealed class OrdersModel(PurchasingClient purchasing) : PageModel
{
    public static readonly string[] Cancellable = ["awaiting-approval", "placed", "accepted"];

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

    public async Task<IActionResult> OnPostCancelAsync(Guid orderId, CancellationToken ct)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await purchasing.StepAsync(orderId, "cancellation", "Cancelled by the family", null, token, ct);
        return Finish(result.Succeeded, result.Problem, "Your order was cancelled and the money given back to your budget.");
    }

    public async Task<IActionResult> OnPostPayAsync(Guid orderId, CancellationToken ct)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await purchasing.PayAsync(orderId, null, token, ct);
        return Finish(result.Succeeded, result.Problem, "The invoice is marked as paid.");
    }

    private IActionResult Finish(bool succeeded, Problem? problem, string success)
    {
        TempData[succeeded ? "Success" : "Error"] = succeeded ? success : problem?.Describe() ?? "That did not work. Try again later.";
        return Redirect("/family/orders");
    }
}
