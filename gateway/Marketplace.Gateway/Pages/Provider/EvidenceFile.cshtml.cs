using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Provider;

/// <summary>One of the provider's own evidence files, fetched from onboarding with the user's token (never cached).</summary>
public sealed class EvidenceFileModel(OnboardingClient onboarding) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await EvidenceDownload.SendAsync(this, onboarding, id, cancellationToken);
}

/// <summary>Passes an evidence file from onboarding to the browser as a download, for whoever onboarding lets see it.</summary>
internal static class EvidenceDownload
{
    public static async Task<IActionResult> SendAsync(PageModel page, OnboardingClient onboarding, Guid evidenceId, CancellationToken cancellationToken)
    {
        if (await page.HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return page.Challenge();
        }

        var result = await onboarding.DownloadEvidenceAsync(evidenceId, token, cancellationToken);
        if (OnboardingPages.Refusal(page, result.Status) is { } refusal)
        {
            return refusal;
        }

        if (!result.Succeeded || result.Value is null)
        {
            return page.NotFound();
        }

        page.Response.Headers.CacheControl = "private, no-store";
        var file = result.Value;
        return page.File(file.Content, file.ContentType, file.FileName ?? "evidence");
    }
}
