using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Officer.Approvals;

/// <summary>Budget purchases at or above their threshold, waiting for an officer: approve, or refuse with a reason the family can challenge.</summary>
[Authorize(Roles = OfficerPages.Role)]
public sealed class IndexModel(PurchasingClient purchasing) : PageModel
{
    public IReadOnlyList<OrderItem> Waiting { get; private set; } = [];
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

        var result = await purchasing.OrdersAsync("awaiting-approval", token, ct);
        if (PurchasingText.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        Waiting = (result.Value ?? []).OrderBy(o => o.PlacedAt).ToList();
        return Page();
    }

    public Task<IActionResult> OnPostApproveAsync(Guid orderId, CancellationToken ct) => StepAsync(orderId, "approval", null, "You approved the purchase.", ct);

    public Task<IActionResult> OnPostRefuseAsync(Guid orderId, string? reason, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(reason)
            ? Task.FromResult<IActionResult>(Fail("Give the family a reason for refusing the purchase"))
            : StepAsync(orderId, "refusal", reason.Trim(), "You refused the purchase. The money went back to the family's budget.", ct);

    private async Task<IActionResult> StepAsync(Guid orderId, string step, string? reason, string success, CancellationToken ct)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await purchasing.StepAsync(orderId, step, reason, null, token, ct);
        if (!result.Succeeded)
        {
            return Fail(result.Problem?.Describe() ?? "That did not work. Try again later.");
        }

        TempData["Success"] = success;
        return Redirect("/officer/approvals");
    }

    private RedirectResult Fail(string message)
    {
        TempData["Error"] = message;
        return Redirect("/officer/approvals");
    }
}
