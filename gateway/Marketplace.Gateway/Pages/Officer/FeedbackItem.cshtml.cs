using System.Net;
using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Provider;
using Marketplace.Gateway.Pages.Shared;
using Marketplace.Gateway.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Officer;

/// <summary>One comment: respond (theme, summary, response, action planned) or route an individual case out.</summary>
[Authorize(Roles = OfficerPages.Role)]
public sealed class FeedbackItemModel(ReviewClient review) : PageModel
{
    public static readonly IReadOnlyList<string> Fields = ["theme", "youSaid", "response", "actionPlanned", "routedTo"];

    public static readonly IReadOnlyList<Option> Routes =
    [
        new("casework", "The SEND casework team"),
        new("advice-and-support", "The SEND information, advice and support service"),
    ];

    public FeedbackItem Item { get; private set; } = null!;
    public FormErrors Errors { get; } = new(Fields);

    [BindProperty] public string? Theme { get; set; }
    [BindProperty] public string? YouSaid { get; set; }
    [BindProperty(Name = "response")] public string? WeDid { get; set; }
    [BindProperty] public string? ActionPlanned { get; set; }
    [BindProperty] public string? RoutedTo { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        Theme = Item.Theme;
        YouSaid = Item.YouSaid;
        WeDid = Item.Response;
        ActionPlanned = Item.ActionPlanned;
        return Page();
    }

    public async Task<IActionResult> OnPostRespondAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var result = await review.RespondAsync(id, Theme, YouSaid, WeDid, ActionPlanned, (await HttpContext.GetAccessTokenAsync())!, cancellationToken);
        return Done(result, "Your response is saved. It will be in this year’s ‘you said, we did’ summary.");
    }

    public async Task<IActionResult> OnPostRouteAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var result = await review.RouteOutAsync(id, RoutedTo, (await HttpContext.GetAccessTokenAsync())!, cancellationToken);
        return Done(result, $"The comment is recorded as passed to {Routes.TextFor(RoutedTo).ToLowerInvariant()}. It will never be published.");
    }

    private IActionResult Done(ReviewResult<object> result, string success)
    {
        if (OnboardingPages.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        if (!result.Succeeded)
        {
            OnboardingPages.AddProblem(Errors, result.Problem, Fields, "The change could not be saved. Try again later.", name => name == "id" ? "" : null);
            return Page();
        }

        TempData["Success"] = success;
        return Redirect("/officer/feedback");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await review.GetFeedbackAsync(id, token, cancellationToken);
        if (OnboardingPages.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        if (result.Status == HttpStatusCode.NotFound || result.Value is null)
        {
            return NotFound();
        }

        Item = result.Value;
        return null;
    }
}
