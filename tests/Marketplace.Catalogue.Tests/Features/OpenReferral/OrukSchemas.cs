using System.Collections.Concurrent;
using System.Text.Json;
using NJsonSchema;

namespace Marketplace.Catalogue.Tests.Features.OpenReferral;

/// <summary>
/// The Open Referral UK 3.0 JSON schemas from <c>../shared/data/oruk-uk-3.0/schema/</c>, loaded from files so their
/// <c>$ref</c>s resolve locally (never over the network), and a check of a response against one of them.
/// </summary>
public static class OrukSchemas
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<JsonSchema>>> Loaded = new();

    public static string Folder { get; } = FindFolder();

    public static async Task AssertValidAsync(string schemaFile, JsonElement json, string what)
    {
        var schema = await Loaded.GetOrAdd(schemaFile, f => new Lazy<Task<JsonSchema>>(() => JsonSchema.FromFileAsync(Path.Combine(Folder, f)))).Value;
        var errors = schema.Validate(json.GetRawText());
        Assert.True(errors.Count == 0,
            $"{what} does not match {schemaFile}:\n{string.Join("\n", errors.Select(e => $"  {e.Path}: {e.Kind}"))}\n{json.GetRawText()[..Math.Min(2000, json.GetRawText().Length)]}");
    }

    /// <summary>The paging envelope of the API description (its Page schema), and each item against the item schema.</summary>
    public static async Task AssertValidPageAsync(string itemSchemaFile, JsonElement page, string what)
    {
        foreach (var name in new[] { "total_items", "total_pages", "page_number", "size" })
        {
            Assert.True(page.GetProperty(name).ValueKind == JsonValueKind.Number && page.GetProperty(name).TryGetInt32(out _), $"{what}: {name} is not an integer");
        }

        foreach (var name in new[] { "first_page", "last_page", "empty" })
        {
            Assert.True(page.GetProperty(name).ValueKind is JsonValueKind.True or JsonValueKind.False, $"{what}: {name} is not a boolean");
        }

        var contents = page.GetProperty("contents");
        Assert.Equal(JsonValueKind.Array, contents.ValueKind);
        Assert.Equal(page.GetProperty("size").GetInt32(), contents.GetArrayLength());
        Assert.Equal(contents.GetArrayLength() == 0, page.GetProperty("empty").GetBoolean());
        var i = 0;
        foreach (var item in contents.EnumerateArray())
        {
            await AssertValidAsync(itemSchemaFile, item, $"{what}, item {i++}");
        }
    }

    private static string FindFolder()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Marketplace.sln")))
        {
            dir = dir.Parent;
        }

        var folder = dir is null ? null : Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "oruk-uk-3.0", "schema"));
        return folder is not null && Directory.Exists(folder)
            ? folder
            : throw new DirectoryNotFoundException("The Open Referral UK schemas are expected in ../shared/data/oruk-uk-3.0/schema beside the repository.");
    }
}
