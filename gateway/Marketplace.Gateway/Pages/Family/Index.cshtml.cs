using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Family;

/// <summary>A parent's or young person's personal budgets: what is left in each part, and their orders.</summary>
[Authorize(Roles = FamilyPages.Roles)]
public sealed class IndexModel(PurchasingClient purchasing) : PageModel
{
    public IReadOnlyList<BudgetListItem> Budgets { get; private set; } = [];
    public IReadOnlyList<OrderItem> Orders { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var list = await purchasing.BudgetsAsync(token, ct);
        if (PurchasingText.Refusal(this, list.Status) is { } refusal)
        {
            return refusal;
        }

        Budgets = list.Value ?? [];
        Orders = (await purchasing.OrdersAsync(null, token, ct)).Value ?? [];
        return Page();
    }
}

internal static class FamilyPages
{
    public const string Roles = "family,young-person";
}
