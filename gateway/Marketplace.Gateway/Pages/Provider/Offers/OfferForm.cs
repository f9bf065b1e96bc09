using System.Globalization;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Marketplace.Gateway.Reference;

namespace Marketplace.Gateway.Pages.Provider.Offers;

/// <summary>What a provider types into the new offer form, kept as typed so it can be shown again.</summary>
public sealed class OfferForm
{
    public string? Name { get; set; }
    public string? Description { get; set; }
    public string? ServiceType { get; set; }
    public List<string> Needs { get; set; } = [];
    public string? ProvisionArea { get; set; }
    public string? Tier { get; set; }
    public string? MinAge { get; set; }
    public string? MaxAge { get; set; }
    public List<string> AreasServed { get; set; } = [];
    public List<string> DeliveryModes { get; set; } = [];
    public string? Eligibility { get; set; }
    public string? HowToAccess { get; set; }
    public string? CostLabel { get; set; }
    public string? CostPrice { get; set; }
    public string? CostUnit { get; set; }
    public string? Places { get; set; }
    public string? TypicalWaitWeeks { get; set; }
    public bool BudgetEligible { get; set; }
    public bool SchoolsCanBuy { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
}

/// <summary>The offer form on the new and edit pages: the form with its errors, for the <c>_OfferFields</c> partial.</summary>
public sealed record OfferFormView(OfferForm Form, FormErrors Errors);

/// <summary>
/// Turns the offer form into onboarding's request body and onboarding's problem details back into the form's
/// errors. Onboarding validates; the gateway itself only checks what it must convert: whole numbers and an
/// amount of money.
/// </summary>
public static class OfferForms
{
    /// <summary>The form's field ids, in page order (also the order of the error summary).</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "name", "description", "serviceType", "needs", "provisionArea", "tier", "minAge", "maxAge", "areasServed",
        "deliveryModes", "eligibility", "howToAccess", "costLabel", "costPrice", "costUnit", "places",
        "typicalWaitWeeks", "budgetEligible", "schoolsCanBuy", "contactEmail", "contactPhone",
    ];

    /// <summary>The form prefilled from an offer (its first price; the others are kept as they are on saving).</summary>
    public static OfferForm From(OfferRecordDetails offer)
    {
        var cost = offer.CostOptions.FirstOrDefault();
        return new OfferForm
        {
            Name = offer.Name,
            Description = offer.Description,
            ServiceType = offer.ServiceType,
            Needs = [.. offer.Needs],
            ProvisionArea = offer.ProvisionArea,
            Tier = offer.Tier,
            MinAge = offer.MinAge.ToString(CultureInfo.InvariantCulture),
            MaxAge = offer.MaxAge.ToString(CultureInfo.InvariantCulture),
            AreasServed = [.. offer.AreasServed],
            DeliveryModes = [.. offer.DeliveryModes],
            Eligibility = offer.Eligibility,
            HowToAccess = offer.HowToAccess,
            CostLabel = cost?.Label,
            CostPrice = cost is null || cost.Unit == "free" ? null : (cost.AmountPence / 100m).ToString(cost.AmountPence % 100 == 0 ? "0" : "0.00", CultureInfo.InvariantCulture),
            CostUnit = cost?.Unit,
            Places = offer.Places?.ToString(CultureInfo.InvariantCulture),
            TypicalWaitWeeks = offer.TypicalWaitWeeks?.ToString(CultureInfo.InvariantCulture),
            BudgetEligible = offer.BudgetEligible,
            SchoolsCanBuy = offer.SchoolsCanBuy,
            ContactEmail = offer.ContactEmail,
            ContactPhone = offer.ContactPhone,
        };
    }

    public static CreateOfferRequest ToRequest(OfferForm form, FormErrors errors)
    {
        var minAge = WholeNumber(errors, form.MinAge, "minAge", "Minimum age must be a whole number of years, like 5");
        var maxAge = WholeNumber(errors, form.MaxAge, "maxAge", "Maximum age must be a whole number of years, like 18");
        var places = WholeNumber(errors, form.Places, "places", "Places must be a whole number, like 20");
        var wait = WholeNumber(errors, form.TypicalWaitWeeks, "typicalWaitWeeks", "Typical wait must be a whole number of weeks, like 6");

        List<CostOptionRequest> costs = [];
        var hasCost = !string.IsNullOrWhiteSpace(form.CostLabel) || !string.IsNullOrWhiteSpace(form.CostPrice) || !string.IsNullOrWhiteSpace(form.CostUnit);
        if (hasCost)
        {
            long pence = 0;
            if (string.IsNullOrWhiteSpace(form.CostPrice))
            {
                if (form.CostUnit != "free")
                {
                    errors.Add("costPrice", "Enter a price, or choose ‘Free’");
                }
            }
            else if (!Money.TryParsePounds(form.CostPrice, out pence))
            {
                errors.Add("costPrice", "Price must be an amount of money in pounds, like 45 or 45.50");
            }

            costs.Add(new CostOptionRequest(form.CostLabel?.Trim() ?? "", form.CostUnit == "free" ? 0 : pence, form.CostUnit ?? ""));
        }

        return new CreateOfferRequest(
            Trim(form.Name), Trim(form.Description), Trim(form.ServiceType), form.Needs, Trim(form.ProvisionArea), Trim(form.Tier),
            minAge, maxAge, form.AreasServed, form.DeliveryModes, Trim(form.Eligibility), Trim(form.HowToAccess), costs,
            places, wait, form.BudgetEligible, form.SchoolsCanBuy, NullIfEmpty(form.ContactEmail), NullIfEmpty(form.ContactPhone));
    }

    private static int? WholeNumber(FormErrors errors, string? text, string field, string message)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors.Add(field, message);
        return null;
    }

    /// <summary>Puts onboarding's field errors against the fields they are about.</summary>
    public static void AddProblem(FormErrors errors, Problem? problem)
    {
        foreach (var (key, messages) in problem?.Errors ?? [])
        {
            errors.Add(FieldFor(key), messages.FirstOrDefault() ?? "Check this answer");
        }

        if (!errors.Any)
        {
            errors.Add("", problem?.Describe() ?? "The offer could not be saved. Try again later.");
        }
    }

    /// <summary>
    /// "name" → name, "MinAge" → minAge, "costOptions[0].amountPence" → costPrice, "costOptions" → costLabel;
    /// a key the form has no field for is reported for the form as a whole ("").
    /// </summary>
    public static string FieldFor(string key)
    {
        var camel = key.Length == 0 ? key : char.ToLowerInvariant(key[0]) + key[1..];
        if (camel.StartsWith("costOptions", StringComparison.OrdinalIgnoreCase))
        {
            var member = camel.Contains('.') ? camel[(camel.LastIndexOf('.') + 1)..] : "";
            return member.ToLowerInvariant() switch
            {
                "amountpence" => "costPrice",
                "unit" => "costUnit",
                _ => "costLabel",
            };
        }

        var bracket = camel.IndexOf('[');
        var field = bracket > 0 ? camel[..bracket] : camel;
        return Fields.FirstOrDefault(f => string.Equals(f, field, StringComparison.OrdinalIgnoreCase)) ?? "";
    }

    private static string Trim(string? text) => text?.Trim() ?? "";

    private static string? NullIfEmpty(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
