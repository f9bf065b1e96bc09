using System.Globalization;
using System.Net;
using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Marketplace.Gateway.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Provider;

/// <summary>
/// The provider's current evidence (with expiry dates and download links) and a form to upload more
/// (multipart, with antiforgery). The gateway checks what it must convert (the date) and what it can tell
/// without reading the file; onboarding checks the file's type from its content.
/// </summary>
public sealed class EvidenceModel(OnboardingClient onboarding) : PageModel
{
    public const long MaximumBytes = 10 * 1024 * 1024;
    private static readonly IReadOnlyList<string> Fields = ["kind", "expiresOn", "file"];

    public ProviderRecord Provider { get; private set; } = new();
    public FormErrors Errors { get; } = new(Fields);

    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public DateParts Expires { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken) ?? Page();

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (OnboardingPages.ProviderId(User) is not { } providerId)
        {
            return Redirect("/provider");
        }

        if (!Vetting.EvidenceKinds.Contains(Kind))
        {
            Errors.Add("kind", "Select what kind of evidence it is");
        }

        var expiresOn = ExpiryDate();
        if (file is null)
        {
            Errors.Add("file", "Select a file to upload");
        }
        else if (file.Length == 0)
        {
            Errors.Add("file", "The selected file is empty");
        }
        else if (file.Length > MaximumBytes)
        {
            Errors.Add("file", "The selected file must be smaller than 10 MB");
        }

        if (Errors.Any)
        {
            return await LoadAsync(cancellationToken) ?? Page();
        }

        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        OnboardingResult<object> result;
        await using (var content = file!.OpenReadStream())
        {
            result = await onboarding.UploadEvidenceAsync(providerId, Kind!, expiresOn, content, Path.GetFileName(file.FileName), file.ContentType, token, cancellationToken);
        }

        if (OnboardingPages.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        if (result.Succeeded)
        {
            TempData["Success"] = $"Your {Vetting.EvidenceInSentence(Kind)} is uploaded.";
            return Redirect("/provider/evidence");
        }

        OnboardingPages.AddProblem(Errors, result.Problem, Fields, "Your evidence could not be uploaded. Try again later.");
        return await LoadAsync(cancellationToken) ?? Page();
    }

    /// <summary>The expiry date as onboarding wants it (yyyy-MM-dd), null when left empty; adds an error when it is not a date.</summary>
    private string? ExpiryDate()
    {
        if (Expires.IsEmpty)
        {
            if (Kind != "registration-certificate")
            {
                Errors.Add("expiresOn", "Enter the date it expires");
            }

            return null;
        }

        var date = Expires.Read("The date it expires", "31 3 2027", out var error);
        if (error is not null)
        {
            Errors.Add("expiresOn", error);
        }

        return date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (OnboardingPages.ProviderId(User) is not { } providerId)
        {
            return Redirect("/provider");
        }

        (var provider, var answer) = await OnboardingPages.ProviderAsync(this, onboarding, providerId, cancellationToken);
        Provider = provider ?? Provider;
        return answer;
    }
}
