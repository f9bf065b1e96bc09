using System.Text.RegularExpressions;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Taxonomy;

namespace Marketplace.Onboarding.Features.Providers;

/// <summary>What a provider sends to register (or, while in draft or changes requested, to update) its organisation.</summary>
public sealed partial record ProviderRegistration(
    string? Name,
    string? Sector,
    string? ContactName,
    string? ContactEmail,
    string? ContactPhone,
    List<string>? AreasServed,
    string? OfstedUrn,
    string? CqcLocationId,
    string? CharityNumber,
    string? CompanyNumber)
{
    public static readonly string[] Sectors = ["public", "private", "voluntary", "community", "school"];

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors()
            .Require(!string.IsNullOrWhiteSpace(Name), "name", "Enter the organisation's name.")
            .Require(Name is null || Name.Trim().Length <= 160, "name", "The name must be 160 characters or fewer.")
            .Require(Sector is not null && Sectors.Contains(Sector), "sector", "Choose the sector: public, private, voluntary, community or school.")
            .Require(!string.IsNullOrWhiteSpace(ContactName), "contactName", "Enter the name of the person we should contact.")
            .Require(ContactEmail is not null && EmailFormat().IsMatch(ContactEmail.Trim()), "contactEmail", "Enter an email address in the correct format, like name@example.com.")
            .Require(ContactPhone is null || PhoneFormat().IsMatch(ContactPhone.Trim()), "contactPhone", "Enter a UK phone number, like 0161 496 0000.");
        if (AreasServed is null || AreasServed.Count == 0)
        {
            errors.Add("areasServed", "Choose at least one local authority you serve.");
        }
        else
        {
            foreach (var code in AreasServed.Where(c => !SendTaxonomy.IsLocalAuthorityCode(c)).Distinct())
            {
                errors.Add("areasServed", $"'{code}' is not an ONS local authority code such as E08000010.");
            }
        }

        Check(errors, OfstedUrn, "ofstedUrn", OfstedFormat(), "An Ofsted URN is 6 or 7 digits, or EY or SC followed by 6 digits, like EY123456.");
        Check(errors, CqcLocationId, "cqcLocationId", CqcFormat(), "A CQC location ID starts 1- and is followed by 8 to 11 digits, like 1-123456789.");
        Check(errors, CharityNumber, "charityNumber", CharityFormat(), "A charity number is 6 to 8 digits (like 1123456, or 1123456-1), or SC followed by 6 digits in Scotland.");
        Check(errors, CompanyNumber, "companyNumber", CompanyFormat(), "A company number is 8 digits, or 2 letters and 6 digits, like 01234567 or SC123456.");
        return errors;
    }

    private static void Check(ValidationErrors errors, string? value, string field, Regex format, string message)
    {
        if (!string.IsNullOrWhiteSpace(value) && !format.IsMatch(value.Trim().ToUpperInvariant()))
        {
            errors.Add(field, message);
        }
    }

    public static string? Normalise(string? identifier) =>
        string.IsNullOrWhiteSpace(identifier) ? null : identifier.Trim().ToUpperInvariant();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailFormat();

    [GeneratedRegex(@"^(\+44\s?|0)[0-9 ]{9,13}$")]
    private static partial Regex PhoneFormat();

    [GeneratedRegex(@"^((EY|SC)[0-9]{6}|[0-9]{6,7})$")]
    private static partial Regex OfstedFormat();

    [GeneratedRegex(@"^1-[0-9]{8,11}$")]
    private static partial Regex CqcFormat();

    [GeneratedRegex(@"^([0-9]{6,8}(-[0-9]{1,2})?|SC[0-9]{6})$")]
    private static partial Regex CharityFormat();

    [GeneratedRegex(@"^([0-9]{8}|[A-Z]{2}[0-9]{6})$")]
    private static partial Regex CompanyFormat();
}
