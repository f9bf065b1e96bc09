using System.Net.Http.Json;
using System.Text.Json;
using Marketplace.Testing;

namespace Marketplace.Catalogue.Tests.Features.Search;

/// <summary>
/// Relevance cases: for each query, the offers that must come first. The offers live in one local authority
/// outside the demo region, and every search is narrowed to it.
/// </summary>
[Collection(SystemCollection.Name)]
public sealed class Ranking_search_results(MarketplaceSystem system) : IAsyncLifetime
{
    private const string La = "E06000002";
    private readonly Catalogue catalogue = new(system);

    public async Task InitializeAsync()
    {
        if (await catalogue.ScalarAsync<int>("SELECT count(*) FROM catalogue_offers WHERE areas_served @> ARRAY[@La]", new { La }) > 0)
        {
            return;
        }

        var provider = Guid.NewGuid();
        foreach (var offer in new[]
        {
            Catalogue.Offer("Speech and language therapy for young children", La, description: "Therapy for children who find talking hard."),
            Catalogue.Offer("Early talk drop-in", La, description: "For parents worried about how their child is talking."),
            Catalogue.Offer("Speech sounds clinic", La, description: "Help with pronouncing sounds clearly."),
            Catalogue.Offer("Social skills group", La, needs: ["ASD"], description: "Groups for autistic children to practise conversation and play."),
            Catalogue.Offer("Sensory occupational therapy programme", La, "occupational-therapy", ["ASD", "PD"], "Occupational therapy for sensory needs."),
            Catalogue.Offer("Physiotherapy at home", La, "physiotherapy", ["PD"], "Stretches and positioning in the family home.", modes: ["at-home"]),
            Catalogue.Offer("Specialist dyslexia tuition", La, "tuition-and-specialist-teaching", ["SPLD"], "Structured literacy teaching.", area: "education"),
            Catalogue.Offer("Saturday short breaks club", La, "short-breaks-and-respite", ["SLD"], "A club that gives families a break.", area: "social-care"),
            Catalogue.Offer("Wheelchair skills and hydrotherapy", La, "physiotherapy", ["PD"], "Hydrotherapy pool sessions with a physiotherapist."),
        })
        {
            await catalogue.PublishAsync(provider, offer);
        }
    }

    public async Task DisposeAsync() => await catalogue.DisposeAsync();

    public static TheoryData<string, string[]> Cases => new()
    {
        { "speech therapy", ["Speech and language therapy for young children"] },
        { "speach therapy", ["Speech and language therapy for young children"] },
        { "speech and language therapy", ["Speech and language therapy for young children"] },
        { "physiotherapy", ["Physiotherapy at home"] },
        { "physiotheraphy", ["Physiotherapy at home"] },
        { "hydrotherapy", ["Wheelchair skills and hydrotherapy"] },
        { "dyslexia", ["Specialist dyslexia tuition"] },
        { "dislexia tuition", ["Specialist dyslexia tuition"] },
        { "short breaks", ["Saturday short breaks club"] },
        { "occupational therapy", ["Sensory occupational therapy programme"] },
        { "sensory", ["Sensory occupational therapy programme"] },
        { "talking", ["Early talk drop-in", "Speech and language therapy for young children"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task The_expected_offers_come_first(string query, string[] first)
    {
        using var anonymous = system.Gateway();
        var names = await Catalogue.SearchNamesAsync(anonymous, $"la={La}&q={Uri.EscapeDataString(query)}");

        Assert.True(names.Count >= first.Length, $"'{query}' found only [{string.Join(", ", names)}]");
        Assert.Equal(first.Order(), names.Take(first.Length).Order());
    }

    [Fact]
    public async Task A_corrected_misspelling_says_what_was_searched_for()
    {
        using var anonymous = system.Gateway();
        var page = await anonymous.GetFromJsonAsync<JsonElement>($"/api/catalogue/search?la={La}&q=speach%20therapy");
        Assert.Equal("speech therapy", page.GetProperty("searchedFor").GetString());

        var exact = await anonymous.GetFromJsonAsync<JsonElement>($"/api/catalogue/search?la={La}&q=speech%20therapy");
        Assert.Equal(JsonValueKind.Null, exact.GetProperty("searchedFor").ValueKind);
    }

    [Fact]
    public async Task When_no_offer_has_every_word_offers_with_some_of_them_are_shown()
    {
        using var anonymous = system.Gateway();
        var page = await anonymous.GetFromJsonAsync<JsonElement>($"/api/catalogue/search?la={La}&q=dyslexia%20hydrotherapy");

        Assert.False(page.GetProperty("matchedAllWords").GetBoolean());
        var names = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("name").GetString()!).Order().ToArray();
        Assert.Equal(["Specialist dyslexia tuition", "Wheelchair skills and hydrotherapy"], names);
    }

    [Fact]
    public async Task Sorting_by_name_is_alphabetical()
    {
        using var anonymous = system.Gateway();
        var names = await Catalogue.SearchNamesAsync(anonymous, $"la={La}&q=therapy&sort=name");

        Assert.True(names.Count >= 3, string.Join(", ", names));
        Assert.Equal(names.Order(StringComparer.OrdinalIgnoreCase), names);
    }
}
