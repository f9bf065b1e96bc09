using System.Net;
using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Provider;
using Marketplace.Gateway.Pages.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Officer;

/// <summary>The officer's LA's "you said, we did" summary of a year: draft it now (the yearly job also does), check it, publish it.</summary>
[Authorize(Roles = OfficerPages.Role)]
public sealed class FeedbackSummaryModel(ReviewClient review, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public FeedbackSummary? Summary { get; private set; }
    public FormErrors Errors { get; } = new();
    public IReadOnlyList<int> Years => [.. Enumerable.Range(0, 4).Select(i => clock.GetUtcNow().Year - i)];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Year ??= clock.GetUtcNow().Year - 1;
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await review.SummaryAsync(Year.Value, token, cancellationToken);
        if (OnboardingPages.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        Summary = result.Value;
        return Page();
    }

    public async Task<IActionResult> OnPostDraftAsync(CancellationToken cancellationToken) =>
        await ActAsync(async (year, token) => (await review.DraftSummaryAsync(year, token, cancellationToken)).Status, "The draft is ready. Check it, then publish it.", cancellationToken);

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken) =>
        await ActAsync(async (year, token) => (await review.PublishSummaryAsync(year, token, cancellationToken)).Status, "The summary is published.", cancellationToken);

    private async Task<IActionResult> ActAsync(Func<int, string, Task<HttpStatusCode>> act, string success, CancellationToken cancellationToken)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        Year ??= clock.GetUtcNow().Year - 1;
        var status = await act(Year.Value, token);
        if (OnboardingPages.Refusal(this, status) is { } refusal)
        {
            return refusal;
        }

        if ((int)status >= 300)
        {
            Errors.Add("", status == HttpStatusCode.Conflict
                ? "The summary of that year is already published, or has no draft yet."
                : "That could not be done. Try again later.");
            Summary = (await review.SummaryAsync(Year.Value, token, cancellationToken)).Value;
            return Page();
        }

        TempData["Success"] = success;
        return Redirect($"/officer/feedback/summary?year={Year}");
    }
}
