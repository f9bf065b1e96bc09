using System.Net;
using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Provider;
using Marketplace.Gateway.Pages.Shared;
using Marketplace.Gateway.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Officer;

/// <summary>
/// A provider's record for an officer of an authority it serves: details, evidence (downloaded through the
/// gateway), history, and the decision that fits its status: approve, ask for changes or reject a submitted
/// registration; suspend an approved provider; reinstate a suspended one. Every one needs a reason.
/// </summary>
[Authorize(Roles = OfficerPages.Role)]
public sealed class ProviderRecordModel(OnboardingClient onboarding) : PageModel
{
    private static readonly IReadOnlyList<string> Fields = ["outcome", "reason", "suspensionReason", "reinstatementReason"];

    [BindProperty(SupportsGet = true)] public Guid Id { get; set; }
    [BindProperty] public string? Outcome { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? SuspensionReason { get; set; }
    [BindProperty] public string? ReinstatementReason { get; set; }

    public ProviderRecord Provider { get; private set; } = new();
    public FormErrors Errors { get; } = new(Fields);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostDecisionAsync(CancellationToken cancellationToken)
    {
        if (!Vetting.Outcomes.Contains(Outcome))
        {
            Errors.Add("outcome", "Select your decision");
        }

        if (string.IsNullOrWhiteSpace(Reason))
        {
            Errors.Add("reason", "Enter the reason for your decision");
        }

        var done = Outcome switch
        {
            "approved" => "approved",
            "rejected" => "rejected",
            _ => "sent back for changes",
        };
        return await ActAsync((token, ct) => onboarding.DecideAsync(Id, Outcome!, Reason!.Trim(), token, ct),
            name => $"{name} is {done}. The provider can see your reason.", "reason", cancellationToken);
    }

    public async Task<IActionResult> OnPostSuspendAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(SuspensionReason))
        {
            Errors.Add("suspensionReason", "Enter why you are suspending the provider");
        }

        return await ActAsync((token, ct) => onboarding.SuspendAsync(Id, SuspensionReason!.Trim(), token, ct),
            name => $"{name} is suspended. Its offers are leaving the Local Offer.", "suspensionReason", cancellationToken);
    }

    public async Task<IActionResult> OnPostReinstateAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(ReinstatementReason))
        {
            Errors.Add("reinstatementReason", "Enter why you are reinstating the provider");
        }

        return await ActAsync((token, ct) => onboarding.ReinstateAsync(Id, ReinstatementReason!.Trim(), token, ct),
            name => $"{name} is reinstated. Its offers are returning to the Local Offer.", "reinstatementReason", cancellationToken);
    }

    /// <summary>Sends the officer's action when the form is complete; shows onboarding's refusal against the form, else confirms it.</summary>
    private async Task<IActionResult> ActAsync(
        Func<string, CancellationToken, Task<OnboardingResult<object>>> act, Func<string, string> success, string reasonField, CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        if (Errors.Any)
        {
            return Page();
        }

        var token = (await HttpContext.GetAccessTokenAsync())!;
        var result = await act(token, cancellationToken);
        if (result.Status == HttpStatusCode.Unauthorized)
        {
            return Challenge();
        }

        if (!result.Succeeded)
        {
            // 403 here is about this provider (it does not serve the officer's authority), not the page: say so.
            OnboardingPages.AddProblem(Errors, result.Problem, Fields, "Your decision could not be saved. Try again later.",
                name => name == "reason" ? reasonField : null);
            return await LoadAsync(cancellationToken) ?? Page();
        }

        TempData["Success"] = success(Provider.Name);
        return Redirect($"/officer/providers/{Id}");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        (var provider, var answer) = await OnboardingPages.ProviderAsync(this, onboarding, Id, cancellationToken);
        Provider = provider ?? Provider;
        return answer;
    }
}
