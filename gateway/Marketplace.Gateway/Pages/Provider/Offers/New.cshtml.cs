using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Provider.Offers;

/// <summary>
/// Creates a draft offer in onboarding. Onboarding validates; its problem details' <c>errors</c> (keyed by JSON
/// field name) become the GOV.UK error summary and the messages beside each field (see <see cref="OfferForms"/>).
/// </summary>
public sealed class NewModel(OnboardingClient onboarding) : PageModel
{
    /// <summary>The form's field ids, in page order (also the order of the error summary).</summary>
    public static IReadOnlyList<string> Fields => OfferForms.Fields;

    public OfferForm Form { get; private set; } = new();
    public FormErrors Errors { get; } = new(OfferForms.Fields);

    public IActionResult OnGet() => User.OrganisationId() is null ? Forbid() : Page();

    public async Task<IActionResult> OnPostAsync([FromForm] OfferForm form, CancellationToken cancellationToken)
    {
        Form = form;
        if (User.OrganisationId() is not { } providerId)
        {
            return Forbid();
        }

        var offer = OfferForms.ToRequest(form, Errors);
        if (Errors.Any)
        {
            return Page();
        }

        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await onboarding.CreateOfferAsync(providerId, offer, token, cancellationToken);
        if (OfferPages.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        if (!result.Succeeded)
        {
            OfferForms.AddProblem(Errors, result.Problem);
            return Page();
        }

        TempData["Success"] = $"‘{offer.Name}’ is saved as a draft. Publish it when you are ready for families and schools to find it.";
        return Redirect("/provider/offers");
    }

    /// <summary>See <see cref="OfferForms.FieldFor"/>.</summary>
    public static string FieldFor(string key) => OfferForms.FieldFor(key);
}
