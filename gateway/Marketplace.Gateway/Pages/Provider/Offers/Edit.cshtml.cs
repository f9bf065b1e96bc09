using System.Net;
using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Provider.Offers;

/// <summary>
/// Changes an offer. A published offer's change is published as its next version at once, unless a local
/// authority it serves checks the kind of change first: then it waits for an officer (onboarding answers 202).
/// </summary>
public sealed class EditModel(OnboardingClient onboarding) : PageModel
{
    public Guid Id { get; private set; }
    public string Status { get; private set; } = "";
    public string CurrentName { get; private set; } = "";
    public OfferForm Form { get; private set; } = new();
    public FormErrors Errors { get; } = new(OfferForms.Fields);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var offer = await onboarding.GetOfferAsync(id, token, cancellationToken);
        if (Unusable(offer) is { } refusal)
        {
            return refusal;
        }

        Show(offer.Value!);
        Form = OfferForms.From(offer.Value!.Details);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, [FromForm] OfferForm form, CancellationToken cancellationToken)
    {
        Form = form;
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var offer = await onboarding.GetOfferAsync(id, token, cancellationToken);
        if (Unusable(offer) is { } refusal)
        {
            return refusal;
        }

        var current = offer.Value!;
        Show(current);
        var request = OfferForms.ToRequest(form, Errors);
        if (Errors.Any)
        {
            return Page();
        }

        // The form shows the first price only: the offer's other prices are kept as they are.
        if (current.Details.CostOptions.Count > 1)
        {
            request = request with { CostOptions = [.. request.CostOptions, .. current.Details.CostOptions.Skip(1)] };
        }

        var result = await onboarding.UpdateOfferAsync(id, request, current.Details.Locations, token, cancellationToken);
        if (OfferPages.Refusal(this, result.Status) is { } refused)
        {
            return refused;
        }

        if (!result.Succeeded)
        {
            OfferForms.AddProblem(Errors, result.Problem);
            return Page();
        }

        TempData["Success"] = Saved(request.Name, result.Status, result.Value);
        return Redirect("/provider/offers");
    }

    /// <summary>The banner after saving: the version published, or what the local authority will check.</summary>
    public static string Saved(string name, HttpStatusCode status, OfferEditResult? result)
    {
        if (status == HttpStatusCode.Accepted)
        {
            var sets = result?.FieldSets ?? [];
            var what = sets.Count == 0 ? "" : $" ({string.Join(", ", sets.Select(FieldSetText))})";
            return $"Your change to ‘{name}’ is waiting for the local authority to check it{what}. The published version stays as it was until then.";
        }

        return result?.Status == "published"
            ? $"‘{name}’ is saved. Published as version {result.Version}."
            : $"‘{name}’ is saved.";
    }

    public static string FieldSetText(string fieldSet) => fieldSet switch
    {
        "description" => "the description",
        "prices" => "prices",
        "needs-and-ages" => "needs and ages",
        "areas-and-locations" => "areas and locations",
        "contact" => "contact details",
        _ => fieldSet,
    };

    private IActionResult? Unusable(OnboardingResult<OfferRecord> offer)
    {
        if (OfferPages.Refusal(this, offer.Status) is { } refusal)
        {
            return refusal;
        }

        if (offer.Status == HttpStatusCode.NotFound || !offer.Succeeded || offer.Value is null)
        {
            return NotFound();
        }

        return User.OrganisationId() is { } organisation && !string.Equals(organisation, offer.Value.ProviderId.ToString(), StringComparison.OrdinalIgnoreCase)
            ? NotFound()
            : null;
    }

    private void Show(OfferRecord offer)
    {
        Id = offer.Id;
        Status = offer.Status;
        CurrentName = offer.Details.Name;
    }
}
