using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Provider;
using Marketplace.Gateway.Pages.Shared;
using Marketplace.Gateway.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Feedback;

/// <summary>What a visitor fills in. <see cref="Page"/> is the address of the page they came from (path only).</summary>
public sealed class FeedbackForm
{
    public string? LocalAuthority { get; set; }
    public string? About { get; set; }
    public string? Respondent { get; set; }
    public string? Comment { get; set; }
    public string? IndividualCase { get; set; }
    public string? ContactName { get; set; }
    public string? ContactEmail { get; set; }
    public string? ContactPhone { get; set; }
    public string? Page { get; set; }

    public static readonly IReadOnlyList<string> Fields =
        ["localAuthority", "about", "respondent", "comment", "individualCase", "contactName", "contactEmail", "contactPhone"];

    public static readonly IReadOnlyList<Option> AboutOptions =
    [
        new("content", "What the Local Offer says, or support that is missing"),
        new("accessibility", "How easy the Local Offer is to use, including with assistive technology"),
        new("development", "How the Local Offer was developed, and how you would like to be involved"),
    ];

    public static readonly IReadOnlyList<Option> RespondentOptions =
    [
        new("young-person", "A young person"),
        new("parent-carer", "A parent or carer"),
        new("practitioner", "A practitioner (for example a teacher, health or social care worker)"),
        new("other", "Someone else"),
    ];

    public static readonly IReadOnlyList<Option> YesNo = [new("no", "No, it is about the Local Offer in general"), new("yes", "Yes, it is about my own or my child's situation")];

    public FeedbackRequest ToRequest() => new(
        LocalAuthority, About, Respondent, Comment, SafePath(Page),
        IndividualCase switch { "yes" => true, "no" => false, _ => null },
        ContactName, ContactEmail, ContactPhone);

    /// <summary>A path on this site only (never another site's address, never the query string).</summary>
    public static string? SafePath(string? page) =>
        page is { Length: > 0 and <= 500 } && page.StartsWith('/') && !page.StartsWith("//", StringComparison.Ordinal) ? page.Split('?', '#')[0] : null;
}

/// <summary>
/// The Local Offer's feedback form, open to everyone without signing in and without JavaScript: reachable from every page
/// (the phase banner and the "Is this page useful?" link carry the page's address). Commissioning validates and stores it.
/// </summary>
public sealed class IndexModel(ReviewClient review) : PageModel
{
    public FeedbackForm Form { get; private set; } = new();
    public FormErrors Errors { get; } = new(FeedbackForm.Fields);

    public void OnGet([FromQuery] string? page)
    {
        Form = new FeedbackForm { Page = FeedbackForm.SafePath(page), LocalAuthority = User.FindFirst("la")?.Value };
    }

    public async Task<IActionResult> OnPostAsync([FromForm] FeedbackForm form, CancellationToken cancellationToken)
    {
        Form = form;
        var result = await review.SubmitFeedbackAsync(form.ToRequest(), cancellationToken);
        if (!result.Succeeded)
        {
            OnboardingPages.AddProblem(Errors, result.Problem, FeedbackForm.Fields, "Your feedback could not be sent. Try again later.",
                name => name == "pagePath" ? "" : null);
            return Page();
        }

        return Redirect(form.IndividualCase == "yes" ? "/feedback/sent?individual=true" : "/feedback/sent");
    }
}
