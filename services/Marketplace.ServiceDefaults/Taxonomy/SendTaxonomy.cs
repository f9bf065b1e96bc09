using System.Text.RegularExpressions;

namespace Marketplace.ServiceDefaults.Taxonomy;

/// <summary>The shared vocabulary of the Local Offer: codes stored and sent, with plain-English labels.</summary>
public static partial class SendTaxonomy
{
    /// <summary>DfE primary need codes (SEN2 / school census).</summary>
    public static readonly IReadOnlyDictionary<string, string> Needs = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ASD"] = "Autistic spectrum disorder",
        ["HI"] = "Hearing impairment",
        ["MLD"] = "Moderate learning difficulty",
        ["MSI"] = "Multi-sensory impairment",
        ["OTH"] = "Other difficulty or disability",
        ["PD"] = "Physical disability",
        ["PMLD"] = "Profound and multiple learning difficulty",
        ["SEMH"] = "Social, emotional and mental health",
        ["SLCN"] = "Speech, language and communication needs",
        ["SLD"] = "Severe learning difficulty",
        ["SPLD"] = "Specific learning difficulty",
        ["VI"] = "Visual impairment",
    };

    public static readonly IReadOnlyDictionary<string, string> ProvisionAreas = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["education"] = "Education",
        ["health"] = "Health",
        ["social-care"] = "Social care",
    };

    public static readonly IReadOnlyDictionary<string, string> Tiers = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["universal"] = "Universal: open to everyone",
        ["targeted"] = "Targeted: for children and young people with additional needs",
        ["specialist"] = "Specialist: for complex needs, usually by referral",
    };

    public static readonly IReadOnlyDictionary<string, string> ServiceTypes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["speech-and-language-therapy"] = "Speech and language therapy",
        ["occupational-therapy"] = "Occupational therapy",
        ["physiotherapy"] = "Physiotherapy",
        ["educational-psychology"] = "Educational psychology",
        ["camhs-and-mental-health"] = "CAMHS and mental health",
        ["short-breaks-and-respite"] = "Short breaks and respite",
        ["tuition-and-specialist-teaching"] = "Tuition and specialist teaching",
        ["assistive-technology"] = "Assistive technology",
        ["training-for-schools"] = "Training for schools",
        ["transport"] = "Transport",
        ["play-and-leisure"] = "Play and leisure",
        ["advice-and-support"] = "Advice and support",
        ["preparing-for-adulthood"] = "Preparing for adulthood",
    };

    public static readonly IReadOnlyDictionary<string, string> DeliveryModes = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["in-person"] = "In person",
        ["online"] = "Online",
        ["at-home"] = "At home",
    };

    public static readonly IReadOnlyDictionary<string, string> CostUnits = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["session"] = "Per session",
        ["package"] = "Per package",
        ["free"] = "Free",
    };

    public const int MinimumAge = 0;
    public const int MaximumAge = 25;

    /// <summary>An ONS code of an English upper-tier or unitary local authority (E06, E08, E09, E10).</summary>
    public static bool IsLocalAuthorityCode(string code) => LaCode().IsMatch(code);

    [GeneratedRegex("^E(06|08|09|10)[0-9]{6}$")]
    private static partial Regex LaCode();
}
