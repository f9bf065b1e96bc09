using System.Globalization;
using System.Net;
using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Provider.Offers;

/// <summary>
/// A quick update of an offer's places free and typical wait. It is never held for the local authority:
/// a published offer's new capacity reaches the public search at once.
/// </summary>
public sealed class CapacityModel(OnboardingClient onboarding) : PageModel
{
    public static readonly IReadOnlyList<string> Fields = ["places", "typicalWaitWeeks"];

    public Guid Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Status { get; private set; } = "";
    public string? Places { get; private set; }
    public string? TypicalWaitWeeks { get; private set; }
    public FormErrors Errors { get; } = new(Fields);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        if (await LoadAsync(id, token, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, string? places, string? typicalWaitWeeks, CancellationToken cancellationToken)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        if (await LoadAsync(id, token, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        Places = places;
        TypicalWaitWeeks = typicalWaitWeeks;
        int? free = null;
        if (string.IsNullOrWhiteSpace(places))
        {
            Errors.Add("places", "Enter the number of places free, like 5, or 0 if you are full");
        }
        else if (!int.TryParse(places.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            Errors.Add("places", "Places free must be a whole number, like 5");
        }
        else
        {
            free = number;
        }

        int? wait = null;
        if (!string.IsNullOrWhiteSpace(typicalWaitWeeks))
        {
            if (int.TryParse(typicalWaitWeeks.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var weeks))
            {
                wait = weeks;
            }
            else
            {
                Errors.Add("typicalWaitWeeks", "Typical wait must be a whole number of weeks, like 6");
            }
        }

        if (Errors.Any)
        {
            return Page();
        }

        var result = await onboarding.UpdateCapacityAsync(id, free, wait, token, cancellationToken);
        if (OfferPages.Refusal(this, result.Status) is { } refused)
        {
            return refused;
        }

        if (!result.Succeeded)
        {
            OnboardingPages.AddProblem(Errors, result.Problem, Fields, "The places could not be updated. Try again later.");
            return Page();
        }

        var waitText = wait is { } w ? $", typical wait {w} {(w == 1 ? "week" : "weeks")}" : "";
        TempData["Success"] = $"‘{Name}’ now shows {free} {(free == 1 ? "place" : "places")} free{waitText}.";
        return Redirect("/provider/offers");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, string token, CancellationToken cancellationToken)
    {
        var result = await onboarding.GetOfferAsync(id, token, cancellationToken);
        if (OfferPages.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        if (result.Status == HttpStatusCode.NotFound || !result.Succeeded || result.Value is not { } offer
            || User.OrganisationId() is { } organisation && !string.Equals(organisation, offer.ProviderId.ToString(), StringComparison.OrdinalIgnoreCase))
        {
            return NotFound();
        }

        Id = offer.Id;
        Name = offer.Details.Name;
        Status = offer.Status;
        Places = offer.Details.Places?.ToString(CultureInfo.InvariantCulture);
        TypicalWaitWeeks = offer.Details.TypicalWaitWeeks?.ToString(CultureInfo.InvariantCulture);
        return null;
    }
}
