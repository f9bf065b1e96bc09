using Microsoft.AspNetCore.Http;

namespace Marketplace.ServiceDefaults.Http;

/// <summary>
/// Collects field-level errors (RFC 9457 problem details, <c>errors</c> keyed by the JSON field name)
/// so an endpoint can report every problem with a request at once.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    public bool Any => errors.Count > 0;

    public ValidationErrors Add(string field, string message)
    {
        if (!errors.TryGetValue(field, out var list))
        {
            errors[field] = list = [];
        }

        list.Add(message);
        return this;
    }

    public ValidationErrors Require(bool condition, string field, string message) => condition ? this : Add(field, message);

    public IResult ToResult() => Results.ValidationProblem(
        errors.ToDictionary(e => e.Key, e => e.Value.ToArray()),
        title: "The request has problems that need correcting",
        detail: string.Join(" ", errors.SelectMany(e => e.Value)));
}
