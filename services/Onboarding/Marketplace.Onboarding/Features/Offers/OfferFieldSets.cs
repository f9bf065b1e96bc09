namespace Marketplace.Onboarding.Features.Offers;

/// <summary>
/// The groups of offer fields a local authority can choose to moderate, like listing edits in a council
/// directory. Capacity (places and wait) is never moderated: it must flow quickly.
/// </summary>
public static class OfferFieldSets
{
    public static readonly IReadOnlyDictionary<string, Func<OfferDetails, object>> Sets = new Dictionary<string, Func<OfferDetails, object>>
    {
        ["description"] = d => (d.Name, d.Description, d.Eligibility, d.HowToAccess, d.ServiceType),
        ["prices"] = d => string.Join(";", d.CostOptions.Select(c => $"{c.Label}|{c.AmountPence}|{c.Unit}")) + $"|{d.BudgetEligible}|{d.SchoolsCanBuy}",
        ["needs-and-ages"] = d => $"{string.Join(",", d.Needs.Order())}|{d.MinAge}|{d.MaxAge}|{d.ProvisionArea}|{d.Tier}",
        ["areas-and-locations"] = d => string.Join(",", d.AreasServed.Order()) + "|" + string.Join(";", d.Locations.Select(l => $"{l.AddressLine}|{l.Town}|{l.Postcode}|{l.Latitude}|{l.Longitude}")) + "|" + string.Join(",", d.DeliveryModes.Order()),
        ["contact"] = d => $"{d.ContactEmail}|{d.ContactPhone}",
    };

    /// <summary>The field sets whose values differ between two versions of an offer.</summary>
    public static IReadOnlyList<string> Changed(OfferDetails before, OfferDetails after) =>
        Sets.Where(s => !Equals(s.Value(before), s.Value(after))).Select(s => s.Key).ToList();
}
