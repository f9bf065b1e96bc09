using System.Globalization;
using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Provider;
using Marketplace.Gateway.Pages.Shared;
using Marketplace.Gateway.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Family;

/// <summary>
/// Buying a service with a personal budget, from its service page: a price, how many, which part of the budget pays,
/// and who it is for. The form carries an Idempotency-Key, so pressing the button twice orders once.
/// </summary>
[Authorize(Roles = FamilyPages.Roles)]
public sealed class BuyModel(PurchasingClient purchasing) : PageModel
{
    public static readonly IReadOnlyList<string> Fields = ["price", "quantity", "part", "forReference"];

    public SellableOffer? Offer { get; private set; }
    public IReadOnlyList<Option> Prices { get; private set; } = [];
    public IReadOnlyList<Option> Parts { get; private set; } = [];
    public FormErrors Errors { get; } = new(Fields);

    [BindProperty] public string? Price { get; set; }
    [BindProperty] public string? Quantity { get; set; } = "1";
    [BindProperty] public string? Part { get; set; }
    [BindProperty] public string? ForReference { get; set; }
    [BindProperty] public string IdempotencyKey { get; set; } = PurchasingText.NewIdempotencyKey();

    public async Task<IActionResult> OnGetAsync(Guid offerId, CancellationToken ct)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        return await LoadAsync(offerId, token, ct) ?? Page();
    }

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
            Errors.Add("quantity", "Enter how many you want, as a whole number from 1 to 500");
        }

        if (!Parts.Any(p => p.Value == Part))
        {
            Errors.Add("part", "Choose which part of your budget pays");
        }

        if (string.IsNullOrWhiteSpace(ForReference) || ForReference.Length > 100)
        {
            Errors.Add("forReference", "Enter who it is for, like a first name, in 100 characters or fewer");
        }

        if (Errors.Any)
        {
            return Page();
        }

        var (budgetId, component) = (Part![..36], Part[37..]);
        var result = await purchasing.PlaceOrderAsync(new
        {
            offerId, offerVersion = Offer!.Version, costOptionIndex = int.Parse(Price!, CultureInfo.InvariantCulture), quantity, forReference = ForReference!.Trim(),
            funding = new { type = "budget", budgetId, component },
        }, IdempotencyKey, token, ct);
        if (!result.Succeeded || result.Value is not { } order)
        {
            OnboardingPages.AddProblem(Errors, result.Problem, Fields, "The order could not be placed. Try again later.",
                name => name switch { "costOptionIndex" => "price", "funding" => "part", _ => null });
            IdempotencyKey = PurchasingText.NewIdempotencyKey();
            return Page();
        }

        TempData["Success"] = order.Status == "awaiting-approval"
            ? $"You ordered {order.OfferName} for {Money.Format(order.AmountPence)}. The council needs to approve it before the provider can accept it."
            : $"You ordered {order.OfferName} for {Money.Format(order.AmountPence)}. The money is set aside from your budget until the provider delivers.";
        return Redirect("/family/orders");
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

        var parts = new List<Option>();
        foreach (var budget in (await purchasing.BudgetsAsync(token, ct)).Value ?? [])
        {
            foreach (var c in budget.Components)
            {
                parts.Add(new Option($"{budget.Id}:{c.Component}",
                    $"{PurchasingText.Component(c.Component)} part of EHC plan {budget.EhcPlanReference} ({Money.Format(c.AvailablePence)} left)"));
            }
        }

        Parts = parts;
        return null;
    }
}
