using System.Globalization;
using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Provider;
using Marketplace.Gateway.Pages.Shared;
using Marketplace.Gateway.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.School;

/// <summary>A school orders a service on its account with its purchase order number; the form carries an Idempotency-Key.</summary>
[Authorize(Roles = SchoolPages.Role)]
public sealed class OrderModel(PurchasingClient purchasing) : PageModel
{
    public static readonly IReadOnlyList<string> Fields = ["price", "quantity", "purchaseOrderNumber", "forReference"];

    public SellableOffer? Offer { get; private set; }
    public IReadOnlyList<Option> Prices { get; private set; } = [];
    public FormErrors Errors { get; } = new(Fields);
    [BindProperty] public string? Price { get; set; }
    [BindProperty] public string? Quantity { get; set; } = "1";
    [BindProperty] public string? PurchaseOrderNumber { get; set; }
    [BindProperty] public string? ForReference { get; set; }
    [BindProperty] public string IdempotencyKey { get; set; } = PurchasingText.NewIdempotencyKey();

    public async Task<IActionResult> OnGetAsync(Guid offerId, CancellationToken ct) =>
        await HttpContext.GetAccessTokenAsync() is { } token ? await LoadAsync(offerId, token, ct) ?? Page() : Challenge();

    public async Task<IActionResult> OnPostAsync(Guid offerId, CancellationToken ct)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        if (await LoadAsync(offerId, token, ct) is { } refusal)
        {
            return refusal;
        }

        if (!Prices.Any(p => p.Value == Price))
        {
            Errors.Add("price", "Choose a price");
        }

        if (!int.TryParse(Quantity?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) || quantity is < 1 or > 500)
        {
            Errors.Add("quantity", "Enter how many, as a whole number from 1 to 500");
        }

        if (string.IsNullOrWhiteSpace(PurchaseOrderNumber) || PurchaseOrderNumber.Length > 50)
        {
            Errors.Add("purchaseOrderNumber", "Enter your school's purchase order number, in 50 characters or fewer");
        }

        if (string.IsNullOrWhiteSpace(ForReference) || ForReference.Length > 100)
        {
            Errors.Add("forReference", "Enter who it is for, like a class or a pupil reference, in 100 characters or fewer");
        }

        if (Errors.Any)
        {
            return Page();
        }

        var result = await purchasing.PlaceOrderAsync(new
        {
            offerId, offerVersion = Offer!.Version, costOptionIndex = int.Parse(Price!, CultureInfo.InvariantCulture), quantity, forReference = ForReference!.Trim(),
            funding = new { type = "school-account", purchaseOrderNumber = PurchaseOrderNumber!.Trim() },
        }, IdempotencyKey, token, ct);
        if (!result.Succeeded || result.Value is not { } order)
        {
            OnboardingPages.AddProblem(Errors, result.Problem, Fields, "The order could not be placed. Try again later.",
                name => name switch { "costOptionIndex" => "price", "funding" => "purchaseOrderNumber", _ => null });
            IdempotencyKey = PurchasingText.NewIdempotencyKey();
            return Page();
        }

        TempData["Success"] = $"You ordered {order.OfferName} for {Money.Format(order.AmountPence)} on purchase order {order.PurchaseOrderNumber}.";
        return Redirect("/school");
    }

    private async Task<IActionResult?> LoadAsync(Guid offerId, string token, CancellationToken ct)
    {
        (Offer, Prices, var answer) = await PurchasingText.OfferAsync(this, purchasing, offerId, token, ct);
        if (answer is not null)
        {
            return answer;
        }

        if (Prices.Count == 1)
        {
            Price ??= "0";
        }

        return null;
    }
}
