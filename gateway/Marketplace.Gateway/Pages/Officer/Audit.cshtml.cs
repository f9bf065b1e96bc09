using System.Collections.Concurrent;
using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Provider;
using Marketplace.Gateway.Pages.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Officer;

/// <summary>
/// The audit trail of decisions about providers serving the officer's authority (optionally one provider), and
/// its CSV export (<c>/officer/audit/csv</c>) as onboarding writes it.
/// </summary>
[Authorize(Roles = OfficerPages.Role)]
public sealed class AuditModel(OnboardingClient onboarding) : PageModel
{
    /// <summary>At most this many providers' names are looked up for one page (the rest show "Provider record").</summary>
    private const int NamesLookedUp = 100;

    [BindProperty(SupportsGet = true)] public Guid? ProviderId { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];
    public FormErrors Errors { get; } = new();
    public string? LocalAuthority => User.FindFirst("la")?.Value;
    private readonly ConcurrentDictionary<Guid, string> names = new();

    public string NameOf(AuditEntry entry) =>
        entry.ProviderName ?? (names.TryGetValue(entry.ProviderId, out var name) ? name : "Provider record");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await onboarding.AuditTrailAsync(ProviderId, token, cancellationToken);
        if (OnboardingPages.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        if (!result.Succeeded || result.Value is null)
        {
            Errors.Add("", result.Problem?.Describe() ?? "The audit trail could not be loaded. Try again later.");
            return Page();
        }

        Entries = [.. result.Value.OrderByDescending(e => e.At)];
        await LookUpNamesAsync(token, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        var result = await onboarding.AuditTrailCsvAsync(ProviderId, token, cancellationToken);
        if (OnboardingPages.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        if (!result.Succeeded || result.Value is null)
        {
            throw new BackendUnavailableException(Backends.Onboarding, $"answered {(int)result.Status} to the CSV export");
        }

        Response.Headers.CacheControl = "private, no-store";
        return File(result.Value.Content, "text/csv; charset=utf-8", "audit-trail.csv");
    }

    /// <summary>Onboarding's audit entries carry the provider's id only: find the names of the providers on the page.</summary>
    private async Task LookUpNamesAsync(string token, CancellationToken cancellationToken)
    {
        var ids = Entries.Where(e => e.ProviderName is null).Select(e => e.ProviderId).Distinct().Take(NamesLookedUp).ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            var provider = await onboarding.GetProviderAsync(id, token, ct);
            if (provider.Value is { } found)
            {
                names[id] = found.Name;
            }
        });
    }
}
