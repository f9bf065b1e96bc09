using System.Net;
using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Provider.Offers;

/// <summary>A provider's offers, with publish and withdraw. Only for the provider role (the folder's policy).</summary>
public sealed class IndexModel(OnboardingClient onboarding) : PageModel
{
    public IReadOnlyList<OfferListItem> Offers { get; private set; } = [];
    public FormErrors Errors { get; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (TempData["Error"] is string error)
        {
            Errors.Add("", error);
        }

        if (User.OrganisationId() is not { } providerId)
        {
            return Forbid();
        }

        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await onboarding.ListOffersAsync(providerId, token, cancellationToken);
        if (OfferPages.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        Offers = result.Value ?? [];
        if (!result.Succeeded && result.Status != HttpStatusCode.NotFound)
        {
            Errors.Add("", result.Problem?.Describe() ?? "Your offers could not be loaded. Try again later.");
        }

        return Page();
    }

    public Task<IActionResult> OnPostPublishAsync(Guid id, string? name, CancellationToken cancellationToken) =>
        ChangeAsync(token => onboarding.PublishAsync(id, token, cancellationToken), $"{Named(name)} is published in the Local Offer.");

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, string? name, CancellationToken cancellationToken) =>
        ChangeAsync(token => onboarding.WithdrawAsync(id, token, cancellationToken), $"{Named(name)} is withdrawn from the Local Offer.");

    private async Task<IActionResult> ChangeAsync(Func<string, Task<OnboardingResult<object>>> change, string success)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await change(token);
        if (OfferPages.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        TempData[result.Succeeded ? "Success" : "Error"] = result.Succeeded
            ? success
            : result.Problem?.Describe() ?? "The offer could not be changed. Try again later.";
        return RedirectToPage();
    }

    private static string Named(string? name) => string.IsNullOrWhiteSpace(name) ? "The offer" : $"‘{name}’";

    public static string StatusText(string status) => status switch
    {
        "draft" => "Draft",
        "published" => "Published",
        "withdrawn" => "Withdrawn",
        _ => status,
    };

    public static string StatusClass(string status) => status switch
    {
        "published" => "govuk-tag--green",
        "withdrawn" => "govuk-tag--grey",
        _ => "govuk-tag--blue",
    };
}

/// <summary>What the offer pages do when onboarding refuses the user rather than the request.</summary>
internal static class OfferPages
{
    public static IActionResult? Refusal(PageModel page, HttpStatusCode status) => status switch
    {
        // The token is no longer accepted: sign in again, then come back here.
        HttpStatusCode.Unauthorized => page.Challenge(),
        HttpStatusCode.Forbidden => page.Forbid(),
        _ => null,
    };
}
