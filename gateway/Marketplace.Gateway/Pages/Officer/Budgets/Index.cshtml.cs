using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Officer.Budgets;

/// <summary>Every personal budget of the officer's local authority, with its totals.</summary>
[Authorize(Roles = OfficerPages.Role)]
public sealed class IndexModel(PurchasingClient purchasing) : PageModel
{
    public IReadOnlyList<BudgetListItem> Budgets { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await purchasing.BudgetsAsync(token, ct);
        if (PurchasingText.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        Budgets = result.Value ?? [];
        return Page();
    }
}
