using System.Text.Json;
using Xunit.Sdk;

namespace Marketplace.Catalogue.Tests.Features.OpenReferral;

/// <summary>The schema check itself: it must catch what the Open Referral schemas forbid, or the API tests prove nothing.</summary>
public sealed class Checking_responses_against_the_schemas
{
    private const string Valid = """{"id":"3f7b145d-84af-42d7-8fae-eaca714b02b2","name":"Speech therapy","status":"active","minimum_age":4}""";

    [Fact]
    public async Task A_valid_service_passes()
    {
        await OrukSchemas.AssertValidAsync("service_list.json", JsonDocument.Parse(Valid).RootElement, "a valid service");
    }

    [Theory]
    [InlineData("""{"id":"3f7b145d-84af-42d7-8fae-eaca714b02b2","name":"No status"}""")]
    [InlineData("""{"id":"not-a-uuid","name":"Bad id","status":"active"}""")]
    [InlineData("""{"id":"3f7b145d-84af-42d7-8fae-eaca714b02b2","name":"Bad status","status":"open"}""")]
    [InlineData("""{"id":"3f7b145d-84af-42d7-8fae-eaca714b02b2","name":"Age as text","status":"active","minimum_age":"four"}""")]
    [InlineData("""{"id":"3f7b145d-84af-42d7-8fae-eaca714b02b2","name":"Null email","status":"active","email":null}""")]
    [InlineData("""{"id":"3f7b145d-84af-42d7-8fae-eaca714b02b2","name":"Bad organisation","status":"active","organization":{"id":"3f7b145d-84af-42d7-8fae-eaca714b02b2"}}""")]
    public async Task A_service_breaking_the_schema_fails(string json)
    {
        await Assert.ThrowsAsync<TrueException>(() => OrukSchemas.AssertValidAsync("service_list.json", JsonDocument.Parse(json).RootElement, "a bad service"));
    }

    [Fact]
    public async Task A_taxonomy_term_inside_a_taxonomy_is_checked_through_its_local_reference()
    {
        var json = """{"id":"3f7b145d-84af-42d7-8fae-eaca714b02b2","name":"Needs","description":"d","taxonomy_terms":[{"id":"3f7b145d-84af-42d7-8fae-eaca714b02b2","name":"ASD"}]}""";
        await Assert.ThrowsAsync<TrueException>(() => OrukSchemas.AssertValidAsync("taxonomy.json", JsonDocument.Parse(json).RootElement, "a term without a description"));
    }
}
