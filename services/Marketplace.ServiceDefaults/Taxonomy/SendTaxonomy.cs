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

    /// <summary>Age bands as the DfE's SEN2 return counts EHC plans: code, label and the ages each covers (inclusive).</summary>
    public static readonly IReadOnlyList<AgeBand> AgeBands =
    [
        new("0-4", "Under 5", 0, 4),
        new("5-10", "5 to 10", 5, 10),
        new("11-15", "11 to 15", 11, 15),
        new("16-19", "16 to 19", 16, 19),
        new("20-25", "20 to 25", 20, 25),
    ];

    /// <summary>
    /// The Local Offer's sections: what its information pages and offers are about (the SEND Code of Practice's
    /// list of what a Local Offer must cover).
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> LocalOfferSections = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ehc-needs-assessment"] = "EHC needs assessments and plans",
        ["advice-and-support"] = "Information, advice and support (SENDIASS)",
        ["preparing-for-adulthood"] = "Preparing for adulthood",
        ["education"] = "Education",
        ["health"] = "Health",
        ["social-care"] = "Social care",
        ["childcare"] = "Childcare",
        ["complaints-and-appeals"] = "How to complain and appeal",
        ["personal-budgets"] = "Personal budgets",
        ["travel"] = "Travel and transport",
        ["short-breaks"] = "Short breaks",
        ["leisure"] = "Leisure and activities",
    };

    /// <summary>The aspects the regional Local Offer audit scores (section, then aspect), that pages and offers can be tagged with.</summary>
    public static readonly IReadOnlyDictionary<string, string> AuditAspects = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["general-accessibility"] = "General: accessibility, signposting and offline help",
        ["general-feedback-and-review"] = "General: feedback and annual review",
        ["general-funding"] = "General: budget and top-up funding information",
        ["general-graduated-approach"] = "General: graduated approach and requesting an EHC needs assessment",
        ["early-years-admission"] = "Early years: admission and free early education",
        ["early-years-identification"] = "Early years: identification of need and collaboration",
        ["early-years-future-steps"] = "Early years: future steps and reviewing progress",
        ["schools-admission"] = "Schools: admission, reasonable adjustments and accessibility plans",
        ["schools-identification"] = "Schools: identification of need",
        ["schools-future-steps"] = "Schools: future steps and finding post-16 places",
        ["post-16-admission"] = "Post-16: admission and institutions that can be named in an EHC plan",
        ["post-16-identification"] = "Post-16: identification of need",
        ["post-16-future-steps"] = "Post-16: future steps, including young people released from custody",
    };

    public const int MinimumAge = 0;
    public const int MaximumAge = 25;

    /// <summary>An ONS code of an English upper-tier or unitary local authority (E06, E08, E09, E10).</summary>
    public static bool IsLocalAuthorityCode(string code) => LaCode().IsMatch(code);

    [GeneratedRegex("^E(06|08|09|10)[0-9]{6}$")]
    private static partial Regex LaCode();
}

/// <summary>A band of ages, both ends included.</summary>
public sealed record AgeBand(string Code, string Label, int MinAge, int MaxAge);
