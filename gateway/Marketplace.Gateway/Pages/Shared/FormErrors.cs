namespace Marketplace.Gateway.Pages.Shared;

/// <summary>
/// The errors of one form: one message per field, listed in the order the fields appear, so the GOV.UK error
/// summary links to each field (<c>#id</c>) and each field shows its message inline.
/// </summary>
public sealed class FormErrors(IReadOnlyList<string>? fieldOrder = null)
{
    private readonly List<(string Field, string Message)> errors = [];

    public bool Any => errors.Count > 0;

    public IEnumerable<(string Field, string Message)> All => fieldOrder is null
        ? errors
        : errors.OrderBy(e => fieldOrder.Contains(e.Field) ? fieldOrder.ToList().IndexOf(e.Field) : int.MaxValue);

    public FormErrors Add(string field, string message)
    {
        // One message per field; messages about the form as a whole (field "") are all kept.
        if (field == "" || !errors.Any(e => e.Field == field))
        {
            errors.Add((field, message));
        }

        return this;
    }

    public string? For(string field) => field == "" ? null : errors.FirstOrDefault(e => e.Field == field).Message;
}
