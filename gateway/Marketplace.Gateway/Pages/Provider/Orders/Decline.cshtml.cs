using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Marketplace.Gateway.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Provider.Orders;

/// <summary>Declining an order, always with a reason the buyer reads (and the council counts when it is no capacity).</summary>
public sealed class DeclineModel(PurchasingClient purchasing) : PageModel
{
    public static readonly IReadOnlyList<string> Fields = ["reasonCode", "reason"];
    public static readonly IReadOnlyList<Option> Codes = [new("no-capacity", "We have no places or time to deliver it"), new("other", "Another reason")];

    public OrderItem? Order { get; private set; }
    public FormErrors Errors { get; } = new(Fields);
    [BindProperty] public string? ReasonCode { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) =>
        await HttpContext.GetAccessTokenAsync() is { } token ? await LoadAsync(id, token, ct) ?? Page() : Challenge();

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        if (await LoadAsync(id, token, ct) is { } refusal)
        {
            return refusal;
        }

        if (!Codes.Any(c => c.Value == ReasonCode))
        {
            Errors.Add("reasonCode", "Choose why you are declining");
        }

        if (string.IsNullOrWhiteSpace(Reason) || Reason.Length > 500)
        {
            Errors.Add("reason", "Explain the reason to the buyer, in 500 characters or fewer");
        }

        if (Errors.Any)
        {
            return Page();
        }

        var result = await purchasing.StepAsync(id, "decline", Reason!.Trim(), ReasonCode, token, ct);
        if (!result.Succeeded)
        {
            Provider.OnboardingPages.AddProblem(Errors, result.Problem, Fields, "The order could not be declined. Try again later.");
            return Page();
        }

        TempData["Success"] = $"You declined the order for {Order!.OfferName}. The buyer can see your reason.";
        return Redirect("/provider/orders");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, string token, CancellationToken ct)
    {
        (Order, var answer) = await PurchasingText.OrderAsync(this, purchasing, id, token, ct);
        return answer;
    }
}
