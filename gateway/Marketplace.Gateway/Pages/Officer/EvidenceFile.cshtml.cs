using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Provider;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Officer;

/// <summary>A provider's evidence file for an officer of an authority it serves (onboarding decides), never cached.</summary>
[Authorize(Roles = OfficerPages.Role)]
public sealed class OfficerEvidenceFileModel(OnboardingClient onboarding) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await EvidenceDownload.SendAsync(this, onboarding, id, cancellationToken);
}
