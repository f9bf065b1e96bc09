using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Provider;
using Marketplace.Gateway.Pages.Shared;
using Marketplace.Gateway.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Officer.Budgets;

/// <summary>One budget for an officer: balances, the statement, and a top-up or reduction with a reason (a new ledger entry).</summary>
[Authorize(Roles = OfficerPages.Role)]
public sealed class BudgetModel(PurchasingClient purchasing) : PageModel
{
    public static readonly IReadOnlyList<string> Fields = ["component", "direction", "amount", "reason"];
    public static readonly IReadOnlyList<Option> Directions = [new("top-up", "Top up (add money)"), new("reduce", "Reduce (take money away)")];

    public BudgetStatement Statement { get; private set; } = new(Guid.Empty, "", default, default, [], []);
    public IReadOnlyList<Option> Components => Statement.Components.Select(c => new Option(c.Component, PurchasingText.Component(c.Component))).ToList();
    public FormErrors Errors { get; } = new(Fields);
    [BindProperty] public string? Component { get; set; }
    [BindProperty] public string? Direction { get; set; }
    [BindProperty] public string? Amount { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string IdempotencyKey { get; set; } = PurchasingText.NewIdempotencyKey();

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

        if (!Components.Any(c => c.Value == Component))
        {
            Errors.Add("component", "Choose which part of the budget changes");
        }

        if (!Directions.Any(d => d.Value == Direction))
        {
            Errors.Add("direction", "Choose whether to top up or reduce");
        }

        if (!Money.TryParsePounds(Amount, out var pence) || pence == 0)
        {
            Errors.Add("amount", "Enter the amount in pounds, more than zero, like 250.00");
        }

        if (string.IsNullOrWhiteSpace(Reason) || Reason.Length > 500)
        {
            Errors.Add("reason", "Give the reason, which the holder sees, in 500 characters or fewer");
        }

        if (Errors.Any)
        {
            return Page();
        }

        var signed = Direction == "reduce" ? -pence : pence;
        var result = await purchasing.AdjustAsync(id, Component!, signed, Reason!.Trim(), IdempotencyKey, token, ct);
        if (!result.Succeeded)
        {
            OnboardingPages.AddProblem(Errors, result.Problem, Fields, "The budget could not be changed. Try again later.", name => name == "amountPence" ? "amount" : null);
            IdempotencyKey = PurchasingText.NewIdempotencyKey();
            return Page();
        }

        TempData["Success"] = $"The {PurchasingText.Component(Component).ToLowerInvariant()} part was {(signed > 0 ? "topped up by" : "reduced by")} {Money.Format(pence)}.";
        return Redirect($"/officer/budgets/{id}");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, string token, CancellationToken ct)
    {
        var result = await purchasing.StatementAsync(id, token, ct);
        if (PurchasingText.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        Statement = result.Value!;
        return null;
    }
}
