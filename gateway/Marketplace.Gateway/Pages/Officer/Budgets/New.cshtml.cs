using System.Globalization;
using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Provider;
using Marketplace.Gateway.Pages.Shared;
using Marketplace.Gateway.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Officer.Budgets;

/// <summary>An officer allocates a personal budget for an EHC plan: holder, period, and each part with its delivery mode and approval threshold.</summary>
[Authorize(Roles = OfficerPages.Role)]
public sealed class NewModel(PurchasingClient purchasing) : PageModel
{
    public static readonly string[] Parts = ["education", "health", "social-care"];
    public static readonly IReadOnlyList<Option> HolderTypes = [new("parent", "A parent"), new("young-person", "The young person (16 to 25)")];
    public static readonly IReadOnlyList<Option> Modes =
        [new("organised", "Organised by the council"), new("direct-payment", "Direct payment"), new("third-party", "Third-party arrangement")];

    public static readonly IReadOnlyList<string> Fields =
    [
        "holderEmail", "holderType", "holderDateOfBirth", "ehcPlanReference", "periodStart", "periodEnd", "components",
        .. Parts.SelectMany(p => new[] { $"{p}-amount", $"{p}-mode", $"{p}-threshold" }),
    ];

    public FormErrors Errors { get; } = new(Fields);
    [BindProperty] public string? HolderEmail { get; set; }
    [BindProperty] public string? HolderType { get; set; }
    [BindProperty] public DateParts HolderDateOfBirth { get; set; } = new();
    [BindProperty] public string? EhcPlanReference { get; set; }
    [BindProperty] public DateParts PeriodStart { get; set; } = new();
    [BindProperty] public DateParts PeriodEnd { get; set; } = new();
    [BindProperty] public Dictionary<string, string?> Amount { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Mode { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Threshold { get; set; } = [];
    [BindProperty] public string IdempotencyKey { get; set; } = PurchasingText.NewIdempotencyKey();

    public void OnGet()
    {
        var today = DateTime.UtcNow;
        var start = new DateOnly(today.Month >= 4 ? today.Year : today.Year - 1, 4, 1);
        PeriodStart = DateParts.Of(start);
        PeriodEnd = DateParts.Of(start.AddYears(1).AddDays(-1));
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        DateOnly? Date(string field, DateParts parts, string what, string example)
        {
            if (parts.IsEmpty)
            {
                return null;
            }

            var date = parts.Read(what, example, out var error);
            if (error is not null)
            {
                Errors.Add(field, error);
            }

            return date;
        }

        var start = Date("periodStart", PeriodStart, "The first day of the period", "1 4 2026");
        var end = Date("periodEnd", PeriodEnd, "The last day of the period", "31 3 2027");
        var born = Date("holderDateOfBirth", HolderDateOfBirth, "The date of birth", "15 6 2008");
        var components = new List<object>();
        foreach (var part in Parts)
        {
            var amount = Amount.GetValueOrDefault(part);
            if (string.IsNullOrWhiteSpace(amount))
            {
                continue;
            }

            if (!Money.TryParsePounds(amount, out var pence))
            {
                Errors.Add($"{part}-amount", $"Enter the {PurchasingText.Component(part).ToLowerInvariant()} amount in pounds, like 1500.00");
                continue;
            }

            long? threshold = null;
            var thresholdText = Threshold.GetValueOrDefault(part);
            if (!string.IsNullOrWhiteSpace(thresholdText))
            {
                if (Money.TryParsePounds(thresholdText, out var t) && t > 0)
                {
                    threshold = t;
                }
                else
                {
                    Errors.Add($"{part}-threshold", "Enter the approval threshold in pounds, more than zero, or leave it empty");
                }
            }

            components.Add(new { component = part, amountPence = pence, deliveryMode = Mode.GetValueOrDefault(part), approvalThresholdPence = threshold });
        }

        if (components.Count == 0 && !Errors.Any)
        {
            Errors.Add("education-amount", "Enter an amount for at least one part of the budget");
        }

        if (Errors.Any)
        {
            return Page();
        }

        var result = await purchasing.AllocateAsync(new
        {
            holderEmail = HolderEmail?.Trim(), holderType = HolderType, holderDateOfBirth = born, ehcPlanReference = EhcPlanReference?.Trim(),
            periodStart = start, periodEnd = end, components,
        }, IdempotencyKey, token, ct);
        if (!result.Succeeded || result.Value is not { } budget)
        {
            OnboardingPages.AddProblem(Errors, result.Problem, Fields, "The budget could not be allocated. Try again later.",
                name => name == "holderUserId" ? "holderEmail" : name == "components" ? "education-amount" : null);
            IdempotencyKey = PurchasingText.NewIdempotencyKey();
            return Page();
        }

        TempData["Success"] = $"A personal budget for EHC plan {budget.EhcPlanReference} was allocated.";
        return Redirect($"/officer/budgets/{budget.Id}");
    }
}
