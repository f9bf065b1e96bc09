using System.Net;
using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Provider;

/// <summary>
/// A provider user who acts for no organisation yet registers one. Onboarding validates; identity then links
/// the user to the new provider through the broker, so the page asks identity for fresh tokens (for a few
/// seconds) until they carry the new organisation, and keeps them in the session.
/// </summary>
public sealed class RegisterModel(OnboardingClient onboarding, IdentityClient identity) : PageModel
{
    /// <summary>How long the page waits for identity to link the user to the organisation they registered.</summary>
    public static readonly TimeSpan LinkWait = TimeSpan.FromSeconds(10);

    public RegistrationForm Form { get; private set; } = new();
    public FormErrors Errors { get; } = new(RegistrationForm.Fields);

    public IActionResult OnGet() => User.OrganisationId() is null ? Page() : Redirect("/provider");

    public async Task<IActionResult> OnPostAsync([FromForm] RegistrationForm form, CancellationToken cancellationToken)
    {
        Form = form;
        if (User.OrganisationId() is not null)
        {
            return Redirect("/provider");
        }

        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var request = form.ToRequest();
        var result = await onboarding.RegisterProviderAsync(request, token, cancellationToken);
        if (result.Status == HttpStatusCode.Conflict)
        {
            // The account acts for an organisation already (identity linked it since this session's token).
            await SessionRefresh.RefreshUntilAsync(HttpContext, identity, _ => true, TimeSpan.Zero, cancellationToken);
            return Redirect("/provider");
        }

        if (OnboardingPages.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        if (!result.Succeeded || result.Value is null)
        {
            OnboardingPages.AddProblem(Errors, result.Problem, RegistrationForm.Fields, "Your organisation could not be registered. Try again later.");
            return Page();
        }

        var providerId = result.Value.Id.ToString();
        var user = await SessionRefresh.RefreshUntilAsync(HttpContext, identity,
            u => string.Equals(u.OrganisationId(), providerId, StringComparison.OrdinalIgnoreCase), LinkWait, cancellationToken);
        if (user?.OrganisationId() is null)
        {
            TempData["Pending"] = $"{request.Name} is registered. We are still setting up your account to act for it: refresh this page in a minute.";
            return Redirect("/provider");
        }

        TempData["Success"] = $"{request.Name} is registered. Upload your evidence, then send your registration to the local authority.";
        return Redirect("/provider");
    }
}
