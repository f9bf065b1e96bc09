using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Provider;
using Marketplace.Gateway.Pages.Shared;
using Marketplace.Gateway.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Commissioner;

/// <summary>One audit item of one LA: the evidence behind the proposal, and the adviser's confirmation or override with a note.</summary>
[Authorize(Roles = AuditPages.Role)]
public sealed class AuditItemModel(ReviewClient review) : PageModel
{
    public static readonly IReadOnlyList<Option> Scores = [new("yes", "Yes"), new("partial", "Partial"), new("no", "No")];

    public AuditItem Item { get; private set; } = null!;
    public IReadOnlyList<AuditDecisionEntry> History { get; private set; } = [];
    public string La { get; private set; } = "";
    public bool IsOwn => La == User.FindFirst("la")?.Value;
    public FormErrors Errors { get; } = new(["score", "note"]);

    [BindProperty] public string? Score { get; set; }
    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(string la, string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(la, code, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        Score = Item.Score;
        Note = Item.Note;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string la, string code, CancellationToken cancellationToken)
    {
        if (await LoadAsync(la, code, cancellationToken) is { } refusal)
        {
            return refusal;
        }

        var result = await review.DecideAsync(la, code, Score, Note, (await HttpContext.GetAccessTokenAsync())!, cancellationToken);
        if (OnboardingPages.Refusal(this, result.Status) is { } refused)
        {
            return refused;
        }

        if (!result.Succeeded)
        {
            OnboardingPages.AddProblem(Errors, result.Problem, ["score", "note"], "The score could not be saved. Try again later.");
            return Page();
        }

        TempData["Success"] = $"{Item.Title}: {AuditPages.Label(Score)} is recorded.";
        return Redirect("/commissioner/audit");
    }

    private async Task<IActionResult?> LoadAsync(string la, string code, CancellationToken cancellationToken)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await review.AuditAsync(la, token, cancellationToken);
        if (OnboardingPages.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        var item = result.Value?.Frameworks.SelectMany(f => f.Sections).SelectMany(s => s.Items).FirstOrDefault(i => i.Code == code);
        if (item is null)
        {
            return NotFound();
        }

        Item = item;
        La = la;
        History = (await review.DecisionsAsync(la, code, token, cancellationToken)).Value?.Items ?? [];
        return null;
    }
}
