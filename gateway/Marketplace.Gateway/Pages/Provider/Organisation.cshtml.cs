using System.Net;
using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Provider;

/// <summary>The organisation's registered details; a form to change them while it is a draft or sent back for changes.</summary>
public sealed class OrganisationModel(OnboardingClient onboarding) : PageModel
{
    public ProviderRecord Provider { get; private set; } = new();
    public RegistrationForm Form { get; private set; } = new();
    public FormErrors Errors { get; } = new(RegistrationForm.Fields);
    public bool Editable => Vetting.IsEditable(Provider.Status);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } other)
        {
            return other;
        }

        Form = RegistrationForm.From(Provider);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync([FromForm] RegistrationForm form, CancellationToken cancellationToken)
    {
        Form = form;
        if (OnboardingPages.ProviderId(User) is not { } providerId)
        {
            return Redirect("/provider");
        }

        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await onboarding.UpdateProviderAsync(providerId, form.ToRequest(), token, cancellationToken);
        if (OnboardingPages.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        if (result.Succeeded)
        {
            TempData["Success"] = "Your organisation’s details are saved.";
            return Redirect("/provider");
        }

        OnboardingPages.AddProblem(Errors, result.Problem, RegistrationForm.Fields, "Your changes could not be saved. Try again later.");
        return await LoadAsync(cancellationToken) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (OnboardingPages.ProviderId(User) is not { } providerId)
        {
            return Redirect("/provider");
        }

        (var provider, var answer) = await OnboardingPages.ProviderAsync(this, onboarding, providerId, cancellationToken);
        Provider = provider ?? Provider;
        return answer;
    }
}
