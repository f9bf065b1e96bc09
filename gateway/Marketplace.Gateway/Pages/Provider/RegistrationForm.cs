using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;

namespace Marketplace.Gateway.Pages.Provider;

/// <summary>What a provider types into the registration (or change of details) form, kept as typed to show again.</summary>
public sealed class RegistrationForm
{
    /// <summary>The form's field ids, in page order (also the order of the error summary); onboarding names its errors the same.</summary>
    public static readonly IReadOnlyList<string> Fields =
    [
        "name", "sector", "contactName", "contactEmail", "contactPhone", "areasServed",
        "ofstedUrn", "cqcLocationId", "charityNumber", "companyNumber",
    ];

    public string? Name { get; set; }
    public string? Sector { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    public List<string> AreasServed { get; set; } = [];
    public string? OfstedUrn { get; set; }
    public string? CqcLocationId { get; set; }
    public string? CharityNumber { get; set; }
    public string? CompanyNumber { get; set; }

    public ProviderRegistrationRequest ToRequest() => new(
        Name?.Trim() ?? "",
        Sector?.Trim() ?? "",
        ContactName?.Trim() ?? "",
        ContactEmail?.Trim() ?? "",
        OnboardingPages.Trimmed(ContactPhone),
        [.. AreasServed.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct()],
        OnboardingPages.Trimmed(OfstedUrn),
        OnboardingPages.Trimmed(CqcLocationId),
        OnboardingPages.Trimmed(CharityNumber),
        OnboardingPages.Trimmed(CompanyNumber));

    public static RegistrationForm From(ProviderRecord provider) => new()
    {
        Name = provider.Name,
        Sector = provider.Sector,
        ContactName = provider.ContactName,
        ContactEmail = provider.ContactEmail,
        ContactPhone = provider.ContactPhone,
        AreasServed = [.. provider.AreasServed],
        OfstedUrn = provider.OfstedUrn,
        CqcLocationId = provider.CqcLocationId,
        CharityNumber = provider.CharityNumber,
        CompanyNumber = provider.CompanyNumber,
    };
}

/// <summary>The model of the <c>_RegistrationFields</c> partial: the form as typed and its errors.</summary>
public sealed record RegistrationFields(RegistrationForm Form, FormErrors Errors);
