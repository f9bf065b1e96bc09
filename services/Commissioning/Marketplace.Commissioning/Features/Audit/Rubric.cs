using System.Text.Json;

namespace Marketplace.Commissioning.Features.Audit;

/// <summary>
/// The audit's rubric as data (<c>rubric.json</c> beside this file, embedded; or the file named by <c>Audit:RubricPath</c>,
/// so that a region can change the questions, the evidence each needs and the recommendations without a new release).
/// </summary>
public sealed record Rubric(string Name, int StaleAfterMonths, string Scoring, IReadOnlyList<RubricFramework> Frameworks)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public IEnumerable<(RubricFramework Framework, RubricSection Section, RubricItem Item)> Items =>
        Frameworks.SelectMany(f => f.Sections.SelectMany(s => s.Items.Select(i => (f, s, i))));

    public (RubricFramework Framework, RubricSection Section, RubricItem Item)? Find(string code) =>
        Items.Where(x => x.Item.Code == code).Select(x => ((RubricFramework, RubricSection, RubricItem)?)x).FirstOrDefault();

    public static Rubric Load(IConfiguration configuration)
    {
        var path = configuration["Audit:RubricPath"];
        using var stream = string.IsNullOrWhiteSpace(path)
            ? typeof(Rubric).Assembly.GetManifestResourceStream("Marketplace.Commissioning.Features.Audit.rubric.json")!
            : File.OpenRead(path);
        var rubric = JsonSerializer.Deserialize<Rubric>(stream, Json) ?? throw new InvalidOperationException("The audit rubric is empty.");
        rubric.Check();
        return rubric;
    }

    /// <summary>Fails at start-up, naming the problem, rather than proposing scores from a rubric that cannot be read.</summary>
    private void Check()
    {
        var codes = Items.Select(x => x.Item.Code).ToList();
        if (codes.Count == 0 || codes.Count != codes.Distinct(StringComparer.Ordinal).Count())
        {
            throw new InvalidOperationException("The audit rubric must have items, each with its own code.");
        }

        foreach (var (_, _, item) in Items)
        {
            if (item.Criteria.Count == 0 || item.Criteria.Any(c => c.Kind is not ("pages" or "offers") || (c.Kind == "pages" && string.IsNullOrWhiteSpace(c.Aspect))))
            {
                throw new InvalidOperationException($"Audit item {item.Code}: every criterion must be 'pages' (with an aspect) or 'offers' (with filters).");
            }

            foreach (var key in item.Criteria.SelectMany(c => c.Filters?.Keys ?? Enumerable.Empty<string>()))
            {
                if (!CatalogueEvidence.OfferFilters.Contains(key))
                {
                    throw new InvalidOperationException($"Audit item {item.Code}: '{key}' is not a search filter ({string.Join(", ", CatalogueEvidence.OfferFilters)}).");
                }
            }
        }
    }
}

public sealed record RubricFramework(string Code, string Title, IReadOnlyList<RubricSection> Sections);

public sealed record RubricSection(string Code, string Title, IReadOnlyList<RubricItem> Items);

public sealed record RubricItem(string Code, string Title, string Question, IReadOnlyList<RubricCriterion> Criteria, string Recommendation);

/// <summary>One piece of evidence an item needs: information pages tagged with an audit aspect, or offers serving the LA that match search filters.</summary>
public sealed record RubricCriterion(string Kind, string Description, string? Aspect, IReadOnlyDictionary<string, string>? Filters);
