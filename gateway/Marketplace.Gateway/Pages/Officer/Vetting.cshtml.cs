using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Provider;
using Marketplace.Gateway.Pages.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Officer;

/// <summary>
/// An LA officer's vetting queue: registrations of providers serving the officer's authority, oldest first, with
/// what changed since the last decision; evidence expiring in the next 30 days; and the evidence check on demand.
/// </summary>
[Authorize(Roles = OfficerPages.Role)]
public sealed class VettingModel(OnboardingClient onboarding) : PageModel
{
    public VettingQueue Queue { get; private set; } = new([], []);
    public FormErrors Errors { get; } = new();
    public string? LocalAuthority => User.FindFirst("la")?.Value;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (TempData["Error"] is string error)
        {
            Errors.Add("", error);
        }

        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await onboarding.VettingQueueAsync(token, cancellationToken);
        if (OnboardingPages.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        if (!result.Succeeded || result.Value is null)
        {
            Errors.Add("", result.Problem?.Describe() ?? "The vetting queue could not be loaded. Try again later.");
            return Page();
        }

        Queue = result.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostCheckAsync(CancellationToken cancellationToken)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await onboarding.RunEvidenceCheckAsync(token, cancellationToken);
        if (OnboardingPages.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        if (!result.Succeeded || result.Value is null)
        {
            TempData["Error"] = result.Problem?.Describe() ?? "The evidence check could not run. Try again later.";
            return Redirect("/officer/vetting");
        }

        TempData["Success"] = OfficerPages.CheckResult(result.Value);
        return Redirect("/officer/vetting");
    }
}

internal static class OfficerPages
{
    public const string Role = "la-officer";

    /// <summary>"The evidence check has run: it suspended 1 provider and sent 2 warnings."</summary>
    public static string CheckResult(EvidenceCheckResult result)
    {
        var suspended = result.Suspended.Count switch
        {
            0 => "suspended no providers",
            1 => "suspended 1 provider",
            var n => $"suspended {n} providers",
        };
        var warnings = result.Warnings switch
        {
            0 => "sent no warnings",
            1 => "sent 1 warning",
            var n => $"sent {n} warnings",
        };
        return $"The evidence check has run: it {suspended} and {warnings}.";
    }
}
