using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.School;

/// <summary>A school's account (this year's spending against its cap), its orders and its invoices, which it marks paid.</summary>
[Authorize(Roles = SchoolPages.Role)]
public sealed class IndexModel(PurchasingClient purchasing) : PageModel
{
    public SchoolAccount? Account { get; private set; }
    public IReadOnlyList<OrderItem> Orders { get; private set; } = [];
    public IReadOnlyList<InvoiceItem> Invoices { get; private set; } = [];
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

        if (User.OrganisationId() is { } urn)
        {
            Account = (await purchasing.SchoolAsync(urn, token, ct)).Value;
        }

        Orders = (await purchasing.OrdersAsync(null, token, ct)).Value ?? [];
        Invoices = (await purchasing.InvoicesAsync(token, ct)).Value ?? [];
        return Page();
    }

    public async Task<IActionResult> OnPostPayAsync(Guid orderId, string? paymentReference, CancellationToken ct)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await purchasing.PayAsync(orderId, string.IsNullOrWhiteSpace(paymentReference) ? null : paymentReference.Trim(), token, ct);
        TempData[result.Succeeded ? "Success" : "Error"] = result.Succeeded
            ? $"Invoice {result.Value!.InvoiceNumber} is marked as paid."
            : result.Problem?.Describe() ?? "That did not work. Try again later.";
        return Redirect("/school");
    }
}

internal static class SchoolPages
{
    public const string Role = "school";
}
