using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Provider;
using Marketplace.Gateway.Pages.Shared;
using Marketplace.Gateway.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Commissioner;

/// <summary>
/// The Local Offer audit of one LA (the commissioner's own by default; others read-only): the system's proposed scores with
/// their evidence, and the adviser's decisions. Commissioning checks who may propose and decide.
/// </summary>
[Authorize(Roles = AuditPages.Role)]
public sealed class LocalOfferAuditModel(ReviewClient review) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? La { get; set; }

    public LocalOfferAudit? Audit { get; private set; }
    public FormErrors Errors { get; } = new();
    public bool IsOwn => La == User.FindFirst("la")?.Value;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        La = LocalAuthorities.NorthWest.Contains(La) ? La : User.FindFirst("la")?.Value;
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        if (La is null)
        {
            return NotFound();
        }

        var result = await review.AuditAsync(La, token, cancellationToken);
        if (OnboardingPages.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        Audit = result.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostProposeAsync(CancellationToken cancellationToken)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        La = User.FindFirst("la")?.Value ?? "";
        var result = await review.ProposeAsync(La, token, cancellationToken);
        if (OnboardingPages.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        if (!result.Succeeded)
        {
            Errors.Add("", result.Problem?.Describe() ?? "The scores could not be proposed. Try again later.");
            Audit = (await review.AuditAsync(La, token, cancellationToken)).Value;
            return Page();
        }

        TempData["Success"] = "Scores are proposed from what the Local Offer publishes now. Check each one and confirm or change it.";
        return Redirect("/commissioner/audit");
    }
}

internal static class AuditPages
{
    public const string Role = "commissioner";

    public static string Label(string? score) => score switch { "yes" => "Yes", "partial" => "Partial", "no" => "No", _ => "Not scored" };

    public static string TagClass(string? score) => score switch
    {
        "yes" => "govuk-tag govuk-tag--green",
        "partial" => "govuk-tag govuk-tag--yellow",
        "no" => "govuk-tag govuk-tag--red",
        _ => "govuk-tag govuk-tag--grey",
    };

    public static string Outcome(string outcome) => outcome switch { "found" => "Found", "stale" => "Out of date", _ => "Missing" };
}
