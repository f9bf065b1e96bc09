using System.Security.Cryptography;
using System.Text;
using Marketplace.Catalogue.Features.Search;
using Marketplace.ServiceDefaults.Taxonomy;

namespace Marketplace.Catalogue.Features.Taxonomy;

public sealed record TaxonomyTerm(Guid Id, string Code, string Name, string Description, OrukTaxonomyEntry Taxonomy);

public sealed record OrukTaxonomyEntry(Guid Id, string Key, string Name, string Description, string Version)
{
    public IReadOnlyList<TaxonomyTerm> Terms { get; internal set; } = [];
}

/// <summary>
/// The Local Offer's vocabulary (<see cref="SendTaxonomy"/>) as Open Referral taxonomies and taxonomy terms, with ids
/// derived from the codes so they never change between releases or replicas. Each term also says which search filter
/// it stands for, so <c>taxonomy_term_id</c> narrows a search exactly as the matching filter does.
/// </summary>
public static class OrukTaxonomy
{
    public const string Needs = "needs";
    public const string ProvisionAreas = "provision-areas";
    public const string Tiers = "tiers";
    public const string ServiceTypes = "service-types";
    public const string AgeBands = "age-bands";
    public const string DeliveryModes = "delivery-modes";

    public static readonly IReadOnlyList<OrukTaxonomyEntry> All = Build();

    public static readonly IReadOnlyDictionary<Guid, TaxonomyTerm> TermsById = All.SelectMany(t => t.Terms).ToDictionary(t => t.Id);

    public static readonly IReadOnlyDictionary<Guid, OrukTaxonomyEntry> ById = All.ToDictionary(t => t.Id);

    public static TaxonomyTerm Term(string taxonomy, string code) =>
        TermsById[DerivedId($"taxonomy/{taxonomy}/{code}")];

    /// <summary>The terms that describe an offer: its needs, provision area, tier, service type, delivery modes and the age bands it spans.</summary>
    public static IEnumerable<TaxonomyTerm> TermsOf(OfferListItem offer)
    {
        foreach (var need in offer.Needs.Where(SendTaxonomy.Needs.ContainsKey)) yield return Term(Needs, need);
        if (SendTaxonomy.ProvisionAreas.ContainsKey(offer.ProvisionArea)) yield return Term(ProvisionAreas, offer.ProvisionArea);
        if (SendTaxonomy.Tiers.ContainsKey(offer.Tier)) yield return Term(Tiers, offer.Tier);
        if (SendTaxonomy.ServiceTypes.ContainsKey(offer.ServiceType)) yield return Term(ServiceTypes, offer.ServiceType);
        foreach (var mode in offer.DeliveryModes.Where(SendTaxonomy.DeliveryModes.ContainsKey)) yield return Term(DeliveryModes, mode);
        foreach (var band in SendTaxonomy.AgeBands.Where(b => b.MinAge <= offer.MaxAge && b.MaxAge >= offer.MinAge)) yield return Term(AgeBands, band.Code);
    }

    /// <summary>The search filters a term stands for.</summary>
    public static SearchFilters Narrow(SearchFilters filters, TaxonomyTerm term) => term.Taxonomy.Key switch
    {
        Needs => filters with { Need = term.Code },
        ProvisionAreas => filters with { Area = term.Code },
        Tiers => filters with { Tier = term.Code },
        ServiceTypes => filters with { ServiceType = term.Code },
        DeliveryModes => filters with { DeliveryMode = term.Code },
        AgeBands => filters with { AgeBand = SendTaxonomy.AgeBands.Single(b => b.Code == term.Code) },
        _ => filters,
    };

    /// <summary>A name-based id: the MD5 of the name read as a UUID (stable, and the same in SQL's <c>md5(...)::uuid</c>).</summary>
    public static Guid DerivedId(string name) => Guid.Parse(Convert.ToHexString(MD5.HashData(Encoding.UTF8.GetBytes($"marketplace/{name}"))));

    private static List<OrukTaxonomyEntry> Build()
    {
        var taxonomies = new List<OrukTaxonomyEntry>();
        void Add(string key, string name, string description, string version, IEnumerable<(string Code, string Label, string Description)> terms)
        {
            var taxonomy = new OrukTaxonomyEntry(DerivedId($"taxonomy/{key}"), key, name, description, version);
            taxonomy.Terms = terms.Select(t => new TaxonomyTerm(DerivedId($"taxonomy/{key}/{t.Code}"), t.Code, t.Label, t.Description, taxonomy)).ToList();
            taxonomies.Add(taxonomy);
        }

        Add(Needs, "SEND primary need (DfE)",
            "The Department for Education's codes for a child or young person's primary type of special educational need, as used in the school census and the SEN2 return.",
            "DfE 2024", SendTaxonomy.Needs.Select(n => (n.Key, n.Value, $"{n.Value} ({n.Key})")));
        Add(ProvisionAreas, "Provision area", "Which part of the Local Offer a service belongs to: education, health or social care.",
            "1", SendTaxonomy.ProvisionAreas.Select(a => (a.Key, a.Value, $"{a.Value} provision")));
        Add(Tiers, "Tier of support", "How widely a service is available: universal (open to all), targeted or specialist.",
            "1", SendTaxonomy.Tiers.Select(t => (t.Key, t.Value.Split(':')[0], t.Value)));
        Add(ServiceTypes, "Service type", "The kind of support a service gives.",
            "1", SendTaxonomy.ServiceTypes.Select(t => (t.Key, t.Value, t.Value)));
        Add(AgeBands, "Age band (SEN2)", "Bands of age, in years, as the DfE's SEN2 return counts EHC plans. A service is in every band its age range touches.",
            "1", SendTaxonomy.AgeBands.Select(b => (b.Code, b.Label, $"Ages {b.MinAge} to {b.MaxAge}")));
        Add(DeliveryModes, "How it is delivered", "Whether a service is delivered in person, online or at home.",
            "1", SendTaxonomy.DeliveryModes.Select(m => (m.Key, m.Value, $"Delivered {m.Value.ToLowerInvariant()}")));
        return taxonomies;
    }
}
