using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Officer.Orders;

/// <summary>Every order of the officer's local authority, from families' budgets and from schools.</summary>
[Authorize(Roles = OfficerPages.Role)]
public sealed class IndexModel(PurchasingClient purchasing) : PageModel
{
    public IReadOnlyList<OrderItem> Orders { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await purchasing.OrdersAsync(null, token, ct);
        if (PurchasingText.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        Orders = result.Value ?? [];
        return Page();
    }
}
