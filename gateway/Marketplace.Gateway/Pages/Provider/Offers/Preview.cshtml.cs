using System.Net;
using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Provider.Offers;

/// <summary>An offer as the public will see it on its service page, from what onboarding holds now (drafts too).</summary>
public sealed class PreviewModel(OnboardingClient onboarding) : PageModel
{
    public Guid Id { get; private set; }
    public string Status { get; private set; } = "";
    public int Version { get; private set; }
    public ServiceDetails Service { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

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

        var provider = await onboarding.GetProviderAsync(offer.ProviderId, token, cancellationToken);
        Id = offer.Id;
        Status = offer.Status;
        Version = offer.Version;
        Service = AsPublic(offer, provider.Succeeded ? provider.Value?.Name : null);
        return Page();
    }

    /// <summary>The offer in the shape catalogue gives the public service page.</summary>
    public static ServiceDetails AsPublic(OfferRecord offer, string? providerName)
    {
        var details = offer.Details;
        var costs = details.CostOptions.Select(c => new CostOptionView(c.Label, c.AmountPence, c.Unit)).ToList();
        var paid = costs.Where(c => c.Unit != "free" && c.AmountPence > 0).Select(c => (long?)c.AmountPence).ToList();
        return new ServiceDetails
        {
            Id = offer.Id,
            Name = details.Name,
            Description = details.Description,
            ProviderName = providerName,
            ServiceType = details.ServiceType,
            Needs = details.Needs,
            MinAge = details.MinAge,
            MaxAge = details.MaxAge,
            AreasServed = details.AreasServed,
            Tier = string.IsNullOrEmpty(details.Tier) ? null : details.Tier,
            ProvisionArea = string.IsNullOrEmpty(details.ProvisionArea) ? null : details.ProvisionArea,
            BudgetEligible = details.BudgetEligible,
            FromPricePence = paid.Min(),
            Free = costs.Count > 0 && paid.Count == 0,
            Eligibility = details.Eligibility,
            HowToAccess = details.HowToAccess,
            CostOptions = costs,
            DeliveryModes = details.DeliveryModes,
            ContactEmail = details.ContactEmail,
            ContactPhone = details.ContactPhone,
            LastUpdated = offer.UpdatedAt,
        };
    }
}
