using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Provider;
using Marketplace.Gateway.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Officer;

/// <summary>The feedback about the officer's own LA (commissioning checks the LA), newest first, by status.</summary>
[Authorize(Roles = OfficerPages.Role)]
public sealed class FeedbackModel(ReviewClient review) : PageModel
{
    public static readonly IReadOnlyList<Option> Statuses = [new("new", "New"), new("responded", "Responded"), new("routed-out", "Routed out")];

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    public IReadOnlyList<FeedbackItem> Items { get; private set; } = [];
    public string? LocalAuthority => User.FindFirst("la")?.Value;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        Status = Statuses.Contains(Status) ? Status : "new";
        var result = await review.ListFeedbackAsync(Status, token, cancellationToken);
        if (OnboardingPages.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        Items = result.Value?.Items ?? [];
        return Page();
    }

    public static string Excerpt(string text) => text.Length <= 120 ? text : text[..120].TrimEnd() + "…";
}
