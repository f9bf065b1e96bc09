using System.Net.Mail;
using System.Text.RegularExpressions;
using Marketplace.ServiceDefaults.Http;
using Marketplace.ServiceDefaults.Taxonomy;

namespace Marketplace.Commissioning.Features.Feedback;

/// <summary>
/// A comment on the Local Offer from anyone (no sign-in): what it is about, who is writing, the LA it is about, the
/// page it was sent from, optional contact details, and whether it is about an individual child's or family's case.
/// </summary>
public sealed partial record FeedbackSubmission(
    string? LocalAuthority, string? About, string? Respondent, string? Comment, string? PagePath, bool? IndividualCase,
    string? ContactName, string? ContactEmail, string? ContactPhone)
{
    public const int MaximumCommentLength = 5000;

    public static readonly IReadOnlyDictionary<string, string> AboutOptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["content"] = "What the Local Offer says, or support that is missing",
        ["accessibility"] = "How easy the Local Offer is to use (accessibility)",
        ["development"] = "How the Local Offer was developed",
    };

    public static readonly IReadOnlyDictionary<string, string> RespondentOptions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["young-person"] = "A young person",
        ["parent-carer"] = "A parent or carer",
        ["practitioner"] = "A practitioner",
        ["other"] = "Someone else",
    };

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors()
            .Require(LocalAuthority is not null && SendTaxonomy.IsLocalAuthorityCode(LocalAuthority), "localAuthority",
                "Choose the local authority your feedback is about.")
            .Require(About is not null && AboutOptions.ContainsKey(About), "about",
                "Say what your feedback is about: content, accessibility or development.")
            .Require(Respondent is not null && RespondentOptions.ContainsKey(Respondent), "respondent",
                "Say who you are: young-person, parent-carer, practitioner or other.")
            .Require(!string.IsNullOrWhiteSpace(Comment), "comment", "Write your feedback.")
            .Require((Comment ?? "").Length <= MaximumCommentLength, "comment", $"Your feedback must be {MaximumCommentLength:N0} characters or fewer.")
            .Require(IndividualCase is not null, "individualCase", "Say whether your feedback is about your own or your child's situation.")
            .Require(PagePath is null || (PagePath.Length <= 500 && PagePath.StartsWith('/') && !PagePath.StartsWith("//", StringComparison.Ordinal)),
                "pagePath", "The page address must be a path on this website, such as /search.")
            .Require((ContactName ?? "").Length <= 100, "contactName", "Your name must be 100 characters or fewer.")
            .Require(string.IsNullOrWhiteSpace(ContactEmail) || IsEmail(ContactEmail.Trim()), "contactEmail",
                "Enter an email address in the correct format, like name@example.com.")
            .Require(string.IsNullOrWhiteSpace(ContactPhone) || Phone().IsMatch(ContactPhone.Trim()), "contactPhone",
                "Enter a telephone number, like 0161 496 0000 or +44 7700 900 982.");
        return errors;
    }

    /// <summary>The page's path only: its query (search words, a postcode) is never kept.</summary>
    public string? PathOnly() => PagePath?.Split('?', '#')[0];

    public static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsEmail(string value) =>
        value.Length <= 254 && MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);

    [GeneratedRegex(@"^\+?[0-9 ()-]{7,20}$")]
    private static partial Regex Phone();
}
