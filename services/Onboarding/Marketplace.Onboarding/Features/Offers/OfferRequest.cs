using Marketplace.Contracts.Onboarding;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Taxonomy;

namespace Marketplace.Onboarding.Features.Offers;

public sealed record CostOptionRequest(string? Label, long? AmountPence, string? Unit);

public sealed record LocationRequest(string? AddressLine, string? Town, string? Postcode, double? Latitude, double? Longitude);

/// <summary>What a provider sends to create an offer. Everything is nullable so that every missing field is
/// reported by name, rather than the whole body being refused.</summary>
public sealed record OfferRequest(
    string? Name,
    string? Description,
    string? ServiceType,
    List<string>? Needs,
    string? ProvisionArea,
    string? Tier,
    int? MinAge,
    int? MaxAge,
    List<string>? AreasServed,
    List<string>? DeliveryModes,
    string? Eligibility,
    string? HowToAccess,
    List<CostOptionRequest>? CostOptions,
    int? Places,
    int? TypicalWaitWeeks,
    bool? BudgetEligible,
    bool? SchoolsCanBuy,
    string? ContactEmail,
    string? ContactPhone,
    List<LocationRequest>? Locations)
{
    /// <summary>Checks every field; on success returns the stored details (the snapshot without the provider's name).</summary>
    public (OfferDetails? Details, ValidationErrors Errors) Validate()
    {
        var errors = new ValidationErrors();
        var name = Name?.Trim();
        errors.Require(!string.IsNullOrEmpty(name), "name", "Enter the name of the offer.");
        errors.Require(name is null || name.Length <= 120, "name", "The name must be 120 characters or fewer.");
        errors.Require(!string.IsNullOrWhiteSpace(Description), "description", "Enter a description of the offer.");
        errors.Require(Description is null || Description.Length <= 4000, "description", "The description must be 4,000 characters or fewer.");
        errors.Require(ServiceType is not null && SendTaxonomy.ServiceTypes.ContainsKey(ServiceType), "serviceType",
            $"Choose a service type: one of {string.Join(", ", SendTaxonomy.ServiceTypes.Keys)}.");

        if (Needs is null || Needs.Count == 0)
        {
            errors.Add("needs", "Choose at least one need the offer serves.");
        }
        else
        {
            foreach (var unknown in Needs.Where(n => !SendTaxonomy.Needs.ContainsKey(n)).Distinct())
            {
                errors.Add("needs", $"'{unknown}' is not a DfE primary need code. Use one of {string.Join(", ", SendTaxonomy.Needs.Keys)}.");
            }
        }

        errors.Require(ProvisionArea is not null && SendTaxonomy.ProvisionAreas.ContainsKey(ProvisionArea), "provisionArea", "Choose education, health or social-care.");
        errors.Require(Tier is not null && SendTaxonomy.Tiers.ContainsKey(Tier), "tier", "Choose universal, targeted or specialist.");
        CheckAge(errors, MinAge, "minAge", "youngest");
        CheckAge(errors, MaxAge, "maxAge", "oldest");
        if (MinAge is { } min && MaxAge is { } max && min > max)
        {
            errors.Add("maxAge", $"The oldest age ({max}) must be the same as or higher than the youngest age ({min}).");
        }

        if (AreasServed is null || AreasServed.Count == 0)
        {
            errors.Add("areasServed", "Choose at least one local authority the offer serves.");
        }
        else
        {
            foreach (var code in AreasServed.Where(c => !SendTaxonomy.IsLocalAuthorityCode(c)).Distinct())
            {
                errors.Add("areasServed", $"'{code}' is not an ONS local authority code such as E08000010.");
            }
        }

        var modes = DeliveryModes ?? [];
        errors.Require(modes.Count > 0, "deliveryModes", "Choose at least one way the offer is delivered: in-person, online or at-home.");
        foreach (var mode in modes.Where(m => !SendTaxonomy.DeliveryModes.ContainsKey(m)).Distinct())
        {
            errors.Add("deliveryModes", $"'{mode}' is not a delivery mode. Use in-person, online or at-home.");
        }

        var costs = CostOptions ?? [];
        errors.Require(costs.Count > 0, "costOptions", "Add at least one cost option (use unit 'free' with amount 0 for a free offer).");
        for (var i = 0; i < costs.Count; i++)
        {
            var cost = costs[i];
            errors.Require(!string.IsNullOrWhiteSpace(cost.Label), $"costOptions[{i}].label", "Enter what the price is for, for example 'One session'.");
            errors.Require(cost.Unit is not null && SendTaxonomy.CostUnits.ContainsKey(cost.Unit), $"costOptions[{i}].unit", "Choose session, package or free.");
            errors.Require(cost.AmountPence is >= 0, $"costOptions[{i}].amountPence", "Enter the price in pence, 0 or more.");
            errors.Require(cost.Unit != "free" || cost.AmountPence == 0, $"costOptions[{i}].amountPence", "A free option must cost 0.");
        }

        errors.Require(Places is null or >= 0, "places", "Places must be 0 or more.");
        errors.Require(TypicalWaitWeeks is null or >= 0, "typicalWaitWeeks", "The typical wait must be 0 weeks or more.");
        errors.Require(ContactEmail is null || ContactEmail.Contains('@'), "contactEmail", "Enter an email address in the correct format, like name@example.com.");

        if (errors.Any)
        {
            return (null, errors);
        }

        var details = new OfferDetails(
            name!, Description!.Trim(), ServiceType!, Needs!.Distinct().ToList(), ProvisionArea!, Tier!, MinAge!.Value, MaxAge!.Value,
            AreasServed!.Distinct().ToList(), modes.Distinct().ToList(), Eligibility?.Trim() ?? "", HowToAccess?.Trim() ?? "",
            costs.Select(c => new CostOption(c.Label!.Trim(), c.AmountPence!.Value, c.Unit!)).ToList(),
            Places, TypicalWaitWeeks, BudgetEligible ?? false, SchoolsCanBuy ?? false, ContactEmail?.Trim(), ContactPhone?.Trim(),
            (Locations ?? []).Select(l => new OfferLocation(l.AddressLine ?? "", l.Town ?? "", l.Postcode ?? "", l.Latitude, l.Longitude)).ToList());
        return (details, errors);
    }

    private static void CheckAge(ValidationErrors errors, int? age, string field, string which)
    {
        if (age is null)
        {
            errors.Add(field, $"Enter the {which} age the offer is for, from {SendTaxonomy.MinimumAge} to {SendTaxonomy.MaximumAge}.");
        }
        else if (age is < SendTaxonomy.MinimumAge or > SendTaxonomy.MaximumAge)
        {
            errors.Add(field, $"The {which} age must be from {SendTaxonomy.MinimumAge} to {SendTaxonomy.MaximumAge}.");
        }
    }
}

/// <summary>The stored, validated details of an offer.</summary>
public sealed record OfferDetails(
    string Name,
    string Description,
    string ServiceType,
    IReadOnlyList<string> Needs,
    string ProvisionArea,
    string Tier,
    int MinAge,
    int MaxAge,
    IReadOnlyList<string> AreasServed,
    IReadOnlyList<string> DeliveryModes,
    string Eligibility,
    string HowToAccess,
    IReadOnlyList<CostOption> CostOptions,
    int? Places,
    int? TypicalWaitWeeks,
    bool BudgetEligible,
    bool SchoolsCanBuy,
    string? ContactEmail,
    string? ContactPhone,
    IReadOnlyList<OfferLocation> Locations)
{
    public OfferSnapshot ToSnapshot(string providerName) => new(
        Name, Description, providerName, ServiceType, Needs, ProvisionArea, Tier, MinAge, MaxAge, AreasServed, DeliveryModes,
        Eligibility, HowToAccess, CostOptions, Places, TypicalWaitWeeks, BudgetEligible, SchoolsCanBuy, ContactEmail, ContactPhone, Locations);
}
