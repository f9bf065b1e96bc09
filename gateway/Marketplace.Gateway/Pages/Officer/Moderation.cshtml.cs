using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Provider;
using Marketplace.Gateway.Pages.Provider.Offers;
using Marketplace.Gateway.Pages.Shared;
using Marketplace.Gateway.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Officer;

/// <summary>
/// Offer moderation for an LA officer: changes to published offers held for the officer's authority to check
/// (approve or reject, with a reason the provider sees), and which kinds of change the authority checks.
/// </summary>
[Authorize(Roles = OfficerPages.Role)]
public sealed class ModerationModel(OnboardingClient onboarding) : PageModel
{
    public static readonly IReadOnlyList<Option> Outcomes = [new("approved", "Approve and publish the change"), new("rejected", "Reject the change")];

    public IReadOnlyList<ModerationQueueEntry> Queue { get; private set; } = [];
    public ModerationSettings Settings { get; private set; } = new(null, [], []);
    public FormErrors Errors { get; } = new();
    public string? LocalAuthority => User.FindFirst("la")?.Value;

    /// <summary>The decision being shown again with its errors.</summary>
    public Guid? DecisionFor { get; private set; }
    public string? Outcome { get; private set; }
    public string? Reason { get; private set; }

    public static string OutcomeId(Guid offerId) => $"outcome-{offerId:N}";

    public static string ReasonId(Guid offerId) => $"reason-{offerId:N}";

    public static IReadOnlyList<Option> FieldSetOptions(IEnumerable<string> sets) =>
        sets.Select(s => new Option(s, FieldSetLabel(s))).ToList();

    public static string FieldSetLabel(string fieldSet) => fieldSet switch
    {
        "description" => "Description: name, what it is, who can use it, how to get it and type of service",
        "prices" => "Prices: costs, personal budgets and whether schools can buy it",
        "needs-and-ages" => "Needs and ages: needs, ages, kind of provision and level of support",
        "areas-and-locations" => "Areas and locations: areas served, addresses and how it is delivered",
        "contact" => "Contact details",
        _ => fieldSet,
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        return await LoadAsync(token, cancellationToken) ?? Page();
    }

    public async Task<IActionResult> OnPostDecisionAsync(Guid offerId, string? name, string? outcome, string? reason, CancellationToken cancellationToken)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        DecisionFor = offerId;
        Outcome = outcome;
        Reason = reason;
        if (outcome is not ("approved" or "rejected"))
        {
            Errors.Add(OutcomeId(offerId), "Select whether to approve or reject the change");
        }

        if (string.IsNullOrWhiteSpace(reason))
        {
            Errors.Add(ReasonId(offerId), "Enter the reason for your decision");
        }

        if (!Errors.Any)
        {
            var result = await onboarding.ModerateAsync(offerId, outcome!, reason!.Trim(), token, cancellationToken);
            if (OnboardingPages.Refusal(this, result.Status) is { } refusal)
            {
                return refusal;
            }

            if (result.Succeeded)
            {
                var named = string.IsNullOrWhiteSpace(name) ? "The change" : $"The change to ‘{name}’";
                TempData["Success"] = outcome == "approved" ? $"{named} is approved and published." : $"{named} is rejected. The provider is told why.";
                return Redirect("/officer/moderation");
            }

            OnboardingPages.AddProblem(Errors, result.Problem, [], "The decision could not be saved. Try again later.",
                field => field switch { "outcome" => OutcomeId(offerId), "reason" => ReasonId(offerId), _ => null });
        }

        return await LoadAsync(token, cancellationToken) ?? Page();
    }

    public async Task<IActionResult> OnPostSettingsAsync(List<string>? fieldSets, CancellationToken cancellationToken)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await onboarding.SaveModerationSettingsAsync(fieldSets ?? [], token, cancellationToken);
        if (OnboardingPages.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        if (!result.Succeeded)
        {
            OnboardingPages.AddProblem(Errors, result.Problem, ["fieldSets"], "The settings could not be saved. Try again later.");
            return await LoadAsync(token, cancellationToken) ?? Page();
        }

        TempData["Success"] = (fieldSets ?? []).Count == 0
            ? "Changes to offers are published without waiting for you to check them."
            : "Your moderation settings are saved.";
        return Redirect("/officer/moderation");
    }

    private async Task<IActionResult?> LoadAsync(string token, CancellationToken cancellationToken)
    {
        var queue = await onboarding.ModerationQueueAsync(token, cancellationToken);
        if (OnboardingPages.Refusal(this, queue.Status) is { } refusal)
        {
            return refusal;
        }

        if (queue.Succeeded && queue.Value is not null)
        {
            Queue = queue.Value;
        }
        else
        {
            Errors.Add("", queue.Problem?.Describe() ?? "The moderation queue could not be loaded. Try again later.");
        }

        var settings = await onboarding.ModerationSettingsAsync(token, cancellationToken);
        if (OnboardingPages.Refusal(this, settings.Status) is { } refused)
        {
            return refused;
        }

        if (settings.Succeeded && settings.Value is not null)
        {
            Settings = settings.Value;
        }
        else
        {
            Errors.Add("", settings.Problem?.Describe() ?? "The moderation settings could not be loaded. Try again later.");
        }

        return null;
    }

    /// <summary>What the officer checks, in words, for the queue ("prices, contact details").</summary>
    public static string FieldSetsText(IEnumerable<string> sets) => string.Join(", ", sets.Select(EditModel.FieldSetText));
}
