using System.Globalization;
using System.Net;
using System.Security.Claims;
using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Marketplace.Gateway.Reference;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Provider;

/// <summary>
/// The words the provider and officer pages use for onboarding's codes (statuses, sectors, evidence, audit
/// actions), and how they show dates.
/// </summary>
public static class Vetting
{
    public static readonly IReadOnlyList<Option> Sectors =
    [
        new("public", "Public sector, such as an NHS trust or a council service"),
        new("private", "Private company"),
        new("voluntary", "Voluntary organisation or charity"),
        new("community", "Community group or community interest company (CIC)"),
        new("school", "School or college selling its services"),
    ];

    public static readonly IReadOnlyList<Option> EvidenceKinds =
    [
        new("public-liability-insurance", "Public liability insurance"),
        new("safeguarding-policy", "DBS and safeguarding policy"),
        new("registration-certificate", "Registration certificate, such as Ofsted or CQC"),
    ];

    /// <summary>The evidence every provider must hold, in date, to be approved and stay approved.</summary>
    public static readonly IReadOnlyList<string> RequiredEvidence = ["public-liability-insurance", "safeguarding-policy"];

    public static readonly IReadOnlyList<Option> Outcomes =
    [
        new("approved", "Approve"),
        new("changes-requested", "Ask for changes"),
        new("rejected", "Reject"),
    ];

    public static string SectorText(string? sector) => sector switch
    {
        "public" => "Public sector",
        "private" => "Private",
        "voluntary" => "Voluntary or charity",
        "community" => "Community",
        "school" => "School or college",
        _ => sector ?? "",
    };

    public static string EvidenceText(string? kind) => kind switch
    {
        "registration-certificate" => "Registration certificate",
        _ => EvidenceKinds.TextFor(kind),
    };

    /// <summary>The evidence's name inside a sentence: "public liability insurance", "DBS and safeguarding policy".</summary>
    public static string EvidenceInSentence(string? kind) => kind switch
    {
        "public-liability-insurance" => "public liability insurance",
        "safeguarding-policy" => "DBS and safeguarding policy",
        "registration-certificate" => "registration certificate",
        _ => kind ?? "",
    };

    public static string StatusText(string? status) => status switch
    {
        "draft" => "Draft",
        "submitted" => "Waiting for a decision",
        "approved" => "Approved",
        "changes-requested" => "Changes requested",
        "rejected" => "Rejected",
        "suspended" => "Suspended",
        _ => status ?? "",
    };

    public static string StatusClass(string? status) => status switch
    {
        "draft" => "govuk-tag--grey",
        "submitted" => "govuk-tag--blue",
        "approved" => "govuk-tag--green",
        "changes-requested" => "govuk-tag--yellow",
        _ => "govuk-tag--red",
    };

    public static string ActionText(string? action) => action switch
    {
        "registered" => "Registered",
        "submitted" => "Submitted for vetting",
        "approved" => "Approved",
        "changes-requested" => "Asked for changes",
        "rejected" => "Rejected",
        "suspended" => "Suspended",
        "reinstated" => "Reinstated",
        _ => action ?? "",
    };

    /// <summary>The field names of the vetting queue's "changed since the last decision" in words.</summary>
    public static string ChangedFieldText(string field) => field switch
    {
        "name" => "Name",
        "sector" => "Sector",
        "contactName" => "Contact name",
        "contactEmail" => "Contact email",
        "contactPhone" => "Contact phone",
        "areasServed" => "Areas served",
        "ofstedUrn" => "Ofsted URN",
        "cqcLocationId" => "CQC location ID",
        "charityNumber" => "Charity number",
        "companyNumber" => "Company number",
        _ when field.StartsWith("evidence:", StringComparison.Ordinal) => EvidenceText(field["evidence:".Length..]),
        _ => field,
    };

    /// <summary>True while the provider may change its details and submit (a draft, or sent back for changes).</summary>
    public static bool IsEditable(string? status) => status is "draft" or "changes-requested";

    private static readonly CultureInfo British = CultureInfo.GetCultureInfo("en-GB");
    private static readonly TimeZoneInfo UkTime = FindUkTime();

    /// <summary>"5 January 2026", GOV.UK style.</summary>
    public static string Date(DateOnly? date) => date?.ToString("d MMMM yyyy", British) ?? "";

    public static string Date(DateTimeOffset? at) => at is { } value ? TimeZoneInfo.ConvertTime(value, UkTime).ToString("d MMMM yyyy", British) : "";

    /// <summary>"5 January 2026 at 2:30pm" in UK time.</summary>
    public static string DateTime(DateTimeOffset? at)
    {
        if (at is not { } value)
        {
            return "";
        }

        var local = TimeZoneInfo.ConvertTime(value, UkTime);
        return local.ToString("d MMMM yyyy", British) + " at " + local.ToString("h:mm", British) + (local.Hour < 12 ? "am" : "pm");
    }

    public static string Size(long? bytes) => bytes switch
    {
        null => "",
        < 1024 => $"{bytes} bytes",
        < 1024 * 1024 => $"{bytes / 1024.0:0} KB",
        _ => $"{bytes / (1024.0 * 1024):0.0} MB",
    };

    public static string Areas(IEnumerable<string> codes) => string.Join(", ", codes.Select(LocalAuthorities.NameOf));

    private static TimeZoneInfo FindUkTime()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}

/// <summary>What the onboarding pages do when onboarding refuses the user rather than the request.</summary>
internal static class OnboardingPages
{
    public static IActionResult? Refusal(PageModel page, HttpStatusCode status) => status switch
    {
        // The token is no longer accepted: sign in again, then come back here.
        HttpStatusCode.Unauthorized => page.Challenge(),
        HttpStatusCode.Forbidden => page.Forbid(),
        _ => null,
    };

    /// <summary>
    /// The provider's record as the signed-in user may see it, or what the page answers instead: sign in again,
    /// forbidden, or not found (unknown, or a provider outside an officer's authority). Throws when onboarding fails.
    /// </summary>
    public static async Task<(ProviderRecord? Provider, IActionResult? Answer)> ProviderAsync(
        PageModel page, OnboardingClient onboarding, Guid providerId, CancellationToken cancellationToken)
    {
        if (await page.HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return (null, page.Challenge());
        }

        var result = await onboarding.GetProviderAsync(providerId, token, cancellationToken);
        if (Refusal(page, result.Status) is { } refusal)
        {
            return (null, refusal);
        }

        if (result.Status == HttpStatusCode.NotFound)
        {
            return (null, page.NotFound());
        }

        if (!result.Succeeded || result.Value is null)
        {
            throw new BackendUnavailableException(Backends.Onboarding, $"answered {(int)result.Status}");
        }

        return (result.Value, null);
    }

    /// <summary>Puts onboarding's field errors (keyed by JSON field name) against the form's fields; the rest against the form.</summary>
    public static void AddProblem(FormErrors errors, Problem? problem, IReadOnlyList<string> fields, string fallback, Func<string, string?>? map = null)
    {
        foreach (var (key, messages) in problem?.Errors ?? [])
        {
            var camel = key.Length == 0 ? key : char.ToLowerInvariant(key[0]) + key[1..];
            var bracket = camel.IndexOfAny(['[', '.']);
            var name = bracket > 0 ? camel[..bracket] : camel;
            var field = map?.Invoke(name) ?? fields.FirstOrDefault(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase)) ?? "";
            foreach (var message in messages.Take(field == "" ? messages.Length : 1))
            {
                errors.Add(field, message);
            }
        }

        if (!errors.Any)
        {
            errors.Add("", problem?.Describe() ?? fallback);
        }
    }

    public static Guid? ProviderId(ClaimsPrincipal user) => Guid.TryParse(user.OrganisationId(), out var id) ? id : null;

    public static string? Trimmed(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>
/// Gets the session new tokens from identity, for when what identity knows about the user has changed (a
/// provider user who has just registered an organisation acts for it only in tokens issued after identity
/// linked them, which happens shortly after, through the broker). Identity rotates refresh tokens, so the
/// session always keeps the latest pair.
/// </summary>
internal static class SessionRefresh
{
    private const string RefreshToken = "refresh_token";

    /// <summary>
    /// Refreshes until <paramref name="done"/> holds for the user the new access token describes, or
    /// <paramref name="within"/> has passed; stores the last tokens in the session cookie and answers the user
    /// they describe (null when the session had no refresh token or identity refused it).
    /// </summary>
    public static async Task<ClaimsPrincipal?> RefreshUntilAsync(
        HttpContext http, IdentityClient identity, Func<ClaimsPrincipal, bool> done, TimeSpan within, CancellationToken cancellationToken)
    {
        var refreshToken = await http.GetTokenAsync(TokenSession.Scheme, RefreshToken);
        if (string.IsNullOrEmpty(refreshToken))
        {
            return null;
        }

        var deadline = System.DateTime.UtcNow + within;
        TokenResponse? latest = null;
        ClaimsPrincipal? user = null;
        while (true)
        {
            var tokens = await identity.RefreshAsync(refreshToken, cancellationToken);
            if (tokens is null)
            {
                break;
            }

            latest = tokens;
            refreshToken = tokens.RefreshToken ?? refreshToken;
            user = SessionPrincipal.From(tokens.AccessToken);
            if (done(user) || System.DateTime.UtcNow >= deadline)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(400), cancellationToken);
        }

        if (latest is null || user is null)
        {
            return null;
        }

        await TokenSession.SignInAsync(http, latest with { RefreshToken = refreshToken });
        http.User = user;
        return user;
    }
}
