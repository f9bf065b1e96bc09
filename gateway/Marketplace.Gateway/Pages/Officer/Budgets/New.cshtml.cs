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
    [BindProperty] public string? HolderDateOfBirth { get; set; }
    [BindProperty] public string? EhcPlanReference { get; set; }
    [BindProperty] public string? PeriodStart { get; set; }
    [BindProperty] public string? PeriodEnd { get; set; }
    [BindProperty] public Dictionary<string, string?> Amount { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Mode { get; set; } = [];
    [BindProperty] public Dictionary<string, string?> Threshold { get; set; } = [];
    [BindProperty] public string IdempotencyKey { get; set; } = PurchasingText.NewIdempotencyKey();

    public void OnGet()
    {
        var today = DateTime.UtcNow;
        var start = new DateOnly(today.Month >= 4 ? today.Year : today.Year - 1, 4, 1);
        PeriodStart = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        PeriodEnd = start.AddYears(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        DateOnly? Date(string field, string? text, string message)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            if (DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            {
                return d;
            }

            Errors.Add(field, message);
            return null;
        }

        var start = Date("periodStart", PeriodStart, "Enter the first day as year-month-day, like 2026-04-01");
        var end = Date("periodEnd", PeriodEnd, "Enter the last day as year-month-day, like 2027-03-31");
        var born = Date("holderDateOfBirth", HolderDateOfBirth, "Enter the date of birth as year-month-day, like 2008-06-15");
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
