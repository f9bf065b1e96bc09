using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Family;

/// <summary>A budget's statement: every entry and what was left after it, with a CSV download. Officers of the LA may read it too.</summary>
[Authorize(Roles = FamilyPages.Roles + ",la-officer")]
public sealed class StatementModel(PurchasingClient purchasing) : PageModel
{
    public BudgetStatement Statement { get; private set; } = new(Guid.Empty, "", default, default, [], []);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await purchasing.StatementAsync(id, token, ct);
        if (PurchasingText.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        Statement = result.Value!;
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(Guid id, CancellationToken ct)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await purchasing.StatementCsvAsync(id, token, ct);
        return PurchasingText.Refusal(this, result.Status) ?? File(result.Value!.Content, "text/csv; charset=utf-8", result.Value.FileName);
    }
}
