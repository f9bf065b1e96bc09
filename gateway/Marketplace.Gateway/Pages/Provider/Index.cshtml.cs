using System.Net;
using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Provider;

/// <summary>
/// A provider's starting page: the organisation's status with the local authority's last reason, messages
/// (such as evidence about to expire), the evidence held, and "Submit for vetting" while it is a draft or was
/// sent back for changes. A provider user with no organisation yet is invited to register one.
/// </summary>
public sealed class DashboardModel(OnboardingClient onboarding, IdentityClient identity, ILogger<DashboardModel> logger) : PageModel
{
    public ProviderRecord? Provider { get; private set; }
    public IReadOnlyList<ProviderNotice> Notices { get; private set; } = [];
    public string? Pending { get; private set; }
    public FormErrors Errors { get; } = new(["evidence"]);

    public string StatusExplanation => Provider?.Status switch
    {
        "draft" => "Your registration is a draft. Upload your evidence, then send your registration to the local authority to check.",
        "submitted" => "The local authority is checking your registration. Their decision will appear here.",
        "changes-requested" => "The local authority has asked you to change your registration. Make the changes, then send it again.",
        "approved" => "Your organisation is approved. Families and schools can find the offers you publish in the Local Offer.",
        "rejected" => "The local authority has turned down your registration. Contact their Local Offer team if you want to talk about it.",
        "suspended" => "Your organisation is suspended, so your offers are not shown in the Local Offer. Contact the local authority’s Local Offer team to be reinstated.",
        _ => "",
    };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (TempData["Error"] is string error)
        {
            Errors.Add("", error);
        }

        Pending = TempData["Pending"] as string;
        if (OnboardingPages.ProviderId(User) is null)
        {
            // Identity may have linked the user to an organisation since this session's token was issued.
            await CatchUpWithIdentityAsync(cancellationToken);
        }

        return await LoadAsync(cancellationToken) ?? Page();
    }

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken cancellationToken)
    {
        if (OnboardingPages.ProviderId(User) is not { } providerId)
        {
            return Redirect("/provider");
        }

        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await onboarding.SubmitForVettingAsync(providerId, token, cancellationToken);
        if (OnboardingPages.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        if (result.Succeeded)
        {
            TempData["Success"] = "Your registration has been sent to the local authority. They will check it and tell you their decision here.";
            return Redirect("/provider");
        }

        OnboardingPages.AddProblem(Errors, result.Problem, ["evidence"], "Your registration could not be sent. Try again later.");
        return await LoadAsync(cancellationToken) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        if (OnboardingPages.ProviderId(User) is not { } providerId)
        {
            return null;
        }

        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var provider = await onboarding.GetProviderAsync(providerId, token, cancellationToken);
        if (OnboardingPages.Refusal(this, provider.Status) is { } refusal)
        {
            return refusal;
        }

        if (provider.Status == HttpStatusCode.NotFound)
        {
            Errors.Add("", "Your organisation’s record could not be found. Contact your local authority’s Local Offer team.");
            return null;
        }

        if (!provider.Succeeded)
        {
            Errors.Add("", provider.Problem?.Describe() ?? "Your organisation’s record could not be loaded. Try again later.");
            return null;
        }

        Provider = provider.Value;
        var notices = await onboarding.NoticesAsync(providerId, token, cancellationToken);
        Notices = notices.Value ?? [];
        return null;
    }

    private async Task CatchUpWithIdentityAsync(CancellationToken cancellationToken)
    {
        try
        {
            await SessionRefresh.RefreshUntilAsync(HttpContext, identity, _ => true, TimeSpan.Zero, cancellationToken);
        }
        catch (BackendUnavailableException e)
        {
            logger.LogWarning(e, "Could not ask identity whether the user acts for an organisation yet");
        }
    }
}
