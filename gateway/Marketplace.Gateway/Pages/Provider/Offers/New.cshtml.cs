using System.Globalization;
using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Marketplace.Gateway.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

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

/// <summary>
/// Creates a draft offer in onboarding. Onboarding validates; its problem details' <c>errors</c> (keyed by JSON
/// field name) become the GOV.UK error summary and the messages beside each field. The gateway itself only
/// checks what it must convert: whole numbers and an amount of money.
/// </summary>
public sealed class NewModel(OnboardingClient onboarding) : PageModel
{
    /// <summary>The form's field ids, in page order (also the order of the error summary).</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "name", "description", "serviceType", "needs", "provisionArea", "tier", "minAge", "maxAge", "areasServed",
        "deliveryModes", "eligibility", "howToAccess", "costLabel", "costPrice", "costUnit", "places",
        "typicalWaitWeeks", "budgetEligible", "schoolsCanBuy", "contactEmail", "contactPhone",
    ];

    public OfferForm Form { get; private set; } = new();
    public FormErrors Errors { get; } = new(Fields);

    public IActionResult OnGet() => User.OrganisationId() is null ? Forbid() : Page();

    public async Task<IActionResult> OnPostAsync([FromForm] OfferForm form, CancellationToken cancellationToken)
    {
        Form = form;
        if (User.OrganisationId() is not { } providerId)
        {
            return Forbid();
        }

        var offer = ToRequest(form);
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
            AddProblem(result.Problem);
            return Page();
        }

        TempData["Success"] = $"‘{offer.Name}’ is saved as a draft. Publish it when you are ready for families and schools to find it.";
        return Redirect("/provider/offers");
    }

    private CreateOfferRequest ToRequest(OfferForm form)
    {
        var minAge = WholeNumber(form.MinAge, "minAge", "Minimum age must be a whole number of years, like 5");
        var maxAge = WholeNumber(form.MaxAge, "maxAge", "Maximum age must be a whole number of years, like 18");
        var places = WholeNumber(form.Places, "places", "Places must be a whole number, like 20");
        var wait = WholeNumber(form.TypicalWaitWeeks, "typicalWaitWeeks", "Typical wait must be a whole number of weeks, like 6");

        List<CostOptionRequest> costs = [];
        var hasCost = !string.IsNullOrWhiteSpace(form.CostLabel) || !string.IsNullOrWhiteSpace(form.CostPrice) || !string.IsNullOrWhiteSpace(form.CostUnit);
        if (hasCost)
        {
            long pence = 0;
            if (string.IsNullOrWhiteSpace(form.CostPrice))
            {
                if (form.CostUnit != "free")
                {
                    Errors.Add("costPrice", "Enter a price, or choose ‘Free’");
                }
            }
            else if (!Money.TryParsePounds(form.CostPrice, out pence))
            {
                Errors.Add("costPrice", "Price must be an amount of money in pounds, like 45 or 45.50");
            }

            costs.Add(new CostOptionRequest(form.CostLabel?.Trim() ?? "", form.CostUnit == "free" ? 0 : pence, form.CostUnit ?? ""));
        }

        return new CreateOfferRequest(
            Trim(form.Name), Trim(form.Description), Trim(form.ServiceType), form.Needs, Trim(form.ProvisionArea), Trim(form.Tier),
            minAge, maxAge, form.AreasServed, form.DeliveryModes, Trim(form.Eligibility), Trim(form.HowToAccess), costs,
            places, wait, form.BudgetEligible, form.SchoolsCanBuy, NullIfEmpty(form.ContactEmail), NullIfEmpty(form.ContactPhone));
    }

    private int? WholeNumber(string? text, string field, string message)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        Errors.Add(field, message);
        return null;
    }

    /// <summary>Puts onboarding's field errors against the fields they are about.</summary>
    private void AddProblem(Problem? problem)
    {
        foreach (var (key, messages) in problem?.Errors ?? [])
        {
            Errors.Add(FieldFor(key), messages.FirstOrDefault() ?? "Check this answer");
        }

        if (!Errors.Any)
        {
            Errors.Add("", problem?.Describe() ?? "The offer could not be saved. Try again later.");
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
