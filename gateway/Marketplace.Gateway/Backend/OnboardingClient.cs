using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Marketplace.Gateway.Backend;

public sealed record OfferListItem(Guid Id, string Name, string Status, int Version);

public sealed record CostOptionRequest(string Label, long AmountPence, string Unit);

/// <summary>The body of <c>POST /api/onboarding/providers/{providerId}/offers</c>.</summary>
public sealed record CreateOfferRequest(
    string Name,
    string Description,
    string ServiceType,
    IReadOnlyList<string> Needs,
    string ProvisionArea,
    string Tier,
    int? MinAge,
    int? MaxAge,
    IReadOnlyList<string> AreasServed,
    IReadOnlyList<string> DeliveryModes,
    string Eligibility,
    string HowToAccess,
    IReadOnlyList<CostOptionRequest> CostOptions,
    int? Places,
    int? TypicalWaitWeeks,
    bool BudgetEligible,
    bool SchoolsCanBuy,
    string? ContactEmail,
    string? ContactPhone);

/// <summary>The body of <c>POST /api/onboarding/providers</c> and <c>PUT /api/onboarding/providers/{id}</c>.</summary>
public sealed record ProviderRegistrationRequest(
    string Name,
    string Sector,
    string ContactName,
    string ContactEmail,
    string? ContactPhone,
    IReadOnlyList<string> AreasServed,
    string? OfstedUrn,
    string? CqcLocationId,
    string? CharityNumber,
    string? CompanyNumber);

public sealed record RegisteredProvider(Guid Id, string Status);

/// <summary>A current evidence file, as onboarding describes it (the content is fetched separately).</summary>
public sealed record EvidenceItem(Guid Id, string Kind, DateOnly? ExpiresOn, string? FileName, string? ContentType, long? SizeBytes, DateTimeOffset UploadedAt);

/// <summary>One entry of the audit trail: who did what to a provider's registration, when and why.</summary>
public sealed record AuditEntry(
    DateTimeOffset At, string ActorName, string ActorRole, Guid ProviderId, string Action, string? FromStatus, string? ToStatus, string Reason)
{
    /// <summary>The provider's name, when onboarding sends it.</summary>
    public string? ProviderName { get; init; }
}

/// <summary>A provider's record: what it registered, its status, its current evidence and its history.</summary>
public sealed record ProviderRecord
{
    public Guid Id { get; init; }
    public string Name { get; init; } = "";
    public string Sector { get; init; } = "";
    public string Status { get; init; } = "";
    public IReadOnlyList<string> AreasServed { get; init; } = [];
    public string? ContactName { get; init; }
    public string? ContactEmail { get; init; }
    public string? ContactPhone { get; init; }
    public string? OfstedUrn { get; init; }
    public string? CqcLocationId { get; init; }
    public string? CharityNumber { get; init; }
    public string? CompanyNumber { get; init; }
    public int StatusVersion { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }
    public string? LastReason { get; init; }
    public DateTimeOffset CreatedAt { get; init; }
    public IReadOnlyList<EvidenceItem> Evidence { get; init; } = [];
    public IReadOnlyList<AuditEntry> History { get; init; } = [];
}

/// <summary>A message to the provider (an evidence expiry warning, for example).</summary>
public sealed record ProviderNotice(Guid Id, string Kind, string Message, DateTimeOffset CreatedAt);

public sealed record VettingQueueEntry(Guid Id, string Name, string Sector, DateTimeOffset? SubmittedAt, bool FirstSubmission, IReadOnlyList<string> ChangedSinceLastDecision);

public sealed record ExpiringEvidence(Guid ProviderId, string ProviderName, string Status, Guid EvidenceId, string Kind, DateOnly ExpiresOn);

/// <summary>An LA officer's vetting queue: registrations waiting (oldest first) and evidence expiring soon.</summary>
public sealed record VettingQueue(IReadOnlyList<VettingQueueEntry> Waiting, IReadOnlyList<ExpiringEvidence> ExpiringWithin30Days);

public sealed record EvidenceCheckResult(IReadOnlyList<Guid> Suspended, int Warnings);

/// <summary>A file onboarding sent back (evidence, or the audit trail as CSV).</summary>
public sealed record DownloadedFile(byte[] Content, string ContentType, string? FileName);

/// <summary>One offer as onboarding holds it (<c>GET /api/onboarding/offers/{id}</c>).</summary>
public sealed record OfferRecord(Guid Id, Guid ProviderId, string Status, int Version, OfferRecordDetails Details, DateTimeOffset UpdatedAt, DateTimeOffset? PublishedAt);

public sealed record OfferLocationItem(string AddressLine, string Town, string Postcode, double? Latitude, double? Longitude);

/// <summary>An offer's details, as a provider entered them.</summary>
public sealed record OfferRecordDetails
{
    public string Name { get; init; } = "";
    public string Description { get; init; } = "";
    public string ServiceType { get; init; } = "";
    public IReadOnlyList<string> Needs { get; init; } = [];
    public string ProvisionArea { get; init; } = "";
    public string Tier { get; init; } = "";
    public int MinAge { get; init; }
    public int MaxAge { get; init; }
    public IReadOnlyList<string> AreasServed { get; init; } = [];
    public IReadOnlyList<string> DeliveryModes { get; init; } = [];
    public string Eligibility { get; init; } = "";
    public string HowToAccess { get; init; } = "";
    public IReadOnlyList<CostOptionRequest> CostOptions { get; init; } = [];
    public int? Places { get; init; }
    public int? TypicalWaitWeeks { get; init; }
    public bool BudgetEligible { get; init; }
    public bool SchoolsCanBuy { get; init; }
    public string? ContactEmail { get; init; }
    public string? ContactPhone { get; init; }
    public IReadOnlyList<OfferLocationItem> Locations { get; init; } = [];
}

/// <summary>What onboarding answers to an edit: published as <see cref="Version"/> (200), or held for moderation (202).</summary>
public sealed record OfferEditResult(Guid OfferId, string Status, int Version, IReadOnlyList<string>? FieldSets);

/// <summary>An offer edit waiting for the officer's local authority to check it.</summary>
public sealed record ModerationQueueEntry(Guid OfferId, string Name, string ProviderName, IReadOnlyList<string> PendingFieldSets, DateTimeOffset PendingSince);

/// <summary>Which field sets of offers an officer's local authority checks before a change is published.</summary>
public sealed record ModerationSettings(string? LocalAuthority, IReadOnlyList<string> FieldSets, IReadOnlyList<string> Available);

/// <summary>An answer from onboarding: the value on success, else the status and the problem it reported.</summary>
public sealed record OnboardingResult<T>(HttpStatusCode Status, T? Value, Problem? Problem)
{
    public bool Succeeded => (int)Status is >= 200 and < 300;
}

/// <summary>Onboarding's provider API, called with the signed-in user's own access token.</summary>
public sealed class OnboardingClient(HttpClient http)
{
    public Task<OnboardingResult<IReadOnlyList<OfferListItem>>> ListOffersAsync(string providerId, string accessToken, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<OfferListItem>>(HttpMethod.Get, $"/api/onboarding/providers/{Uri.EscapeDataString(providerId)}/offers", null, accessToken, cancellationToken);

    /// <summary>Creates a draft; the new offer's id (in the 201 body) is not needed by the pages.</summary>
    public Task<OnboardingResult<object>> CreateOfferAsync(string providerId, CreateOfferRequest offer, string accessToken, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Post, $"/api/onboarding/providers/{Uri.EscapeDataString(providerId)}/offers",
            JsonContent.Create(offer, options: Backends.Json), accessToken, cancellationToken);

    public Task<OnboardingResult<object>> PublishAsync(Guid offerId, string accessToken, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Post, $"/api/onboarding/offers/{offerId}/publication", null, accessToken, cancellationToken);

    public Task<OnboardingResult<object>> WithdrawAsync(Guid offerId, string accessToken, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Delete, $"/api/onboarding/offers/{offerId}/publication", null, accessToken, cancellationToken);

    // Providers and vetting.

    public Task<OnboardingResult<RegisteredProvider>> RegisterProviderAsync(ProviderRegistrationRequest registration, string accessToken, CancellationToken cancellationToken) =>
        SendAsync<RegisteredProvider>(HttpMethod.Post, "/api/onboarding/providers", JsonContent.Create(registration, options: Backends.Json), accessToken, cancellationToken);

    public Task<OnboardingResult<object>> UpdateProviderAsync(Guid providerId, ProviderRegistrationRequest registration, string accessToken, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Put, $"/api/onboarding/providers/{providerId}", JsonContent.Create(registration, options: Backends.Json), accessToken, cancellationToken);

    public Task<OnboardingResult<ProviderRecord>> GetProviderAsync(Guid providerId, string accessToken, CancellationToken cancellationToken) =>
        SendAsync<ProviderRecord>(HttpMethod.Get, $"/api/onboarding/providers/{providerId}", null, accessToken, cancellationToken);

    public Task<OnboardingResult<IReadOnlyList<ProviderNotice>>> NoticesAsync(Guid providerId, string accessToken, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<ProviderNotice>>(HttpMethod.Get, $"/api/onboarding/providers/{providerId}/notices", null, accessToken, cancellationToken);

    public Task<OnboardingResult<object>> SubmitForVettingAsync(Guid providerId, string accessToken, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Post, $"/api/onboarding/providers/{providerId}/submission", null, accessToken, cancellationToken);

    /// <summary>Uploads one evidence file (multipart: kind, expiresOn as yyyy-MM-dd, file); onboarding checks its type by content.</summary>
    public Task<OnboardingResult<object>> UploadEvidenceAsync(
        Guid providerId, string kind, string? expiresOn, Stream file, string fileName, string? contentType, string accessToken, CancellationToken cancellationToken)
    {
        var form = new MultipartFormDataContent { { new StringContent(kind), "kind" } };
        if (!string.IsNullOrEmpty(expiresOn))
        {
            form.Add(new StringContent(expiresOn), "expiresOn");
        }

        var content = new StreamContent(file);
        content.Headers.ContentType = MediaTypeHeaderValue.TryParse(contentType, out var type) ? type : new MediaTypeHeaderValue("application/octet-stream");
        form.Add(content, "file", fileName);
        return SendAsync<object>(HttpMethod.Post, $"/api/onboarding/providers/{providerId}/evidence", form, accessToken, cancellationToken);
    }

    /// <summary>An evidence file, or the status onboarding refused it with (404 for someone who may not see it).</summary>
    public Task<OnboardingResult<DownloadedFile>> DownloadEvidenceAsync(Guid evidenceId, string accessToken, CancellationToken cancellationToken) =>
        DownloadAsync($"/api/onboarding/evidence/{evidenceId}/file", "application/octet-stream", accessToken, cancellationToken);

    public Task<OnboardingResult<VettingQueue>> VettingQueueAsync(string accessToken, CancellationToken cancellationToken) =>
        SendAsync<VettingQueue>(HttpMethod.Get, "/api/onboarding/vetting-queue", null, accessToken, cancellationToken);

    /// <summary>An officer's decision on a submitted registration: approved, rejected or changes-requested, with a reason.</summary>
    public Task<OnboardingResult<object>> DecideAsync(Guid providerId, string outcome, string reason, string accessToken, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Post, $"/api/onboarding/providers/{providerId}/decision",
            JsonContent.Create(new { outcome, reason }, options: Backends.Json), accessToken, cancellationToken);

    public Task<OnboardingResult<object>> SuspendAsync(Guid providerId, string reason, string accessToken, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Post, $"/api/onboarding/providers/{providerId}/suspension",
            JsonContent.Create(new { reason }, options: Backends.Json), accessToken, cancellationToken);

    public Task<OnboardingResult<object>> ReinstateAsync(Guid providerId, string reason, string accessToken, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Post, $"/api/onboarding/providers/{providerId}/reinstatement",
            JsonContent.Create(new { reason }, options: Backends.Json), accessToken, cancellationToken);

    public Task<OnboardingResult<IReadOnlyList<AuditEntry>>> AuditTrailAsync(Guid? providerId, string accessToken, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<AuditEntry>>(HttpMethod.Get, AuditTrailPath(providerId), null, accessToken, cancellationToken);

    /// <summary>The audit trail as onboarding writes it in CSV (spreadsheet-safe cells).</summary>
    public Task<OnboardingResult<DownloadedFile>> AuditTrailCsvAsync(Guid? providerId, string accessToken, CancellationToken cancellationToken) =>
        DownloadAsync(AuditTrailPath(providerId), "text/csv", accessToken, cancellationToken);

    /// <summary>Runs the evidence expiry check now: suspends providers whose required evidence has expired, and warns the others.</summary>
    public Task<OnboardingResult<EvidenceCheckResult>> RunEvidenceCheckAsync(string accessToken, CancellationToken cancellationToken) =>
        SendAsync<EvidenceCheckResult>(HttpMethod.Post, "/api/onboarding/evidence-checks", null, accessToken, cancellationToken);

    // Editing offers and moderation.

    public Task<OnboardingResult<OfferRecord>> GetOfferAsync(Guid offerId, string accessToken, CancellationToken cancellationToken) =>
        SendAsync<OfferRecord>(HttpMethod.Get, $"/api/onboarding/offers/{offerId}", null, accessToken, cancellationToken);

    /// <summary>Saves an edit (the create body, plus the locations the form does not show, kept as they were).</summary>
    public Task<OnboardingResult<OfferEditResult>> UpdateOfferAsync(
        Guid offerId, CreateOfferRequest offer, IReadOnlyList<OfferLocationItem> locations, string accessToken, CancellationToken cancellationToken)
    {
        var body = System.Text.Json.JsonSerializer.SerializeToNode(offer, Backends.Json)!.AsObject();
        body["locations"] = System.Text.Json.JsonSerializer.SerializeToNode(locations, Backends.Json);
        return SendAsync<OfferEditResult>(HttpMethod.Put, $"/api/onboarding/offers/{offerId}", JsonContent.Create(body, options: Backends.Json), accessToken, cancellationToken);
    }

    public Task<OnboardingResult<object>> UpdateCapacityAsync(Guid offerId, int? places, int? typicalWaitWeeks, string accessToken, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Put, $"/api/onboarding/offers/{offerId}/capacity",
            JsonContent.Create(new { places, typicalWaitWeeks }, options: Backends.Json), accessToken, cancellationToken);

    public Task<OnboardingResult<IReadOnlyList<ModerationQueueEntry>>> ModerationQueueAsync(string accessToken, CancellationToken cancellationToken) =>
        SendAsync<IReadOnlyList<ModerationQueueEntry>>(HttpMethod.Get, "/api/onboarding/moderation-queue", null, accessToken, cancellationToken);

    /// <summary>An officer's decision on a held offer edit: approved or rejected, with a reason the provider sees.</summary>
    public Task<OnboardingResult<object>> ModerateAsync(Guid offerId, string outcome, string reason, string accessToken, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Post, $"/api/onboarding/offers/{offerId}/moderation",
            JsonContent.Create(new { outcome, reason }, options: Backends.Json), accessToken, cancellationToken);

    public Task<OnboardingResult<ModerationSettings>> ModerationSettingsAsync(string accessToken, CancellationToken cancellationToken) =>
        SendAsync<ModerationSettings>(HttpMethod.Get, "/api/onboarding/moderation-settings", null, accessToken, cancellationToken);

    public Task<OnboardingResult<object>> SaveModerationSettingsAsync(IReadOnlyList<string> fieldSets, string accessToken, CancellationToken cancellationToken) =>
        SendAsync<object>(HttpMethod.Put, "/api/onboarding/moderation-settings",
            JsonContent.Create(new { fieldSets }, options: Backends.Json), accessToken, cancellationToken);

    private static string AuditTrailPath(Guid? providerId) =>
        providerId is { } id ? $"/api/onboarding/audit-trail?providerId={id}" : "/api/onboarding/audit-trail";

    private async Task<OnboardingResult<DownloadedFile>> DownloadAsync(string path, string accept, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        using var response = await BackendCall.SendAsync(http, Backends.Onboarding, request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return new(response.StatusCode, null, await BackendCall.ReadProblemAsync(response, cancellationToken));
        }

        var content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = response.Content.Headers;
        var fileName = headers.ContentDisposition?.FileNameStar ?? headers.ContentDisposition?.FileName?.Trim('"');
        return new(response.StatusCode, new DownloadedFile(content, headers.ContentType?.ToString() ?? accept, fileName), null);
    }

    private async Task<OnboardingResult<T>> SendAsync<T>(
        HttpMethod method, string path, HttpContent? content, string accessToken, CancellationToken cancellationToken)
        where T : class
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await BackendCall.SendAsync(http, Backends.Onboarding, request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            return new(response.StatusCode, null, await BackendCall.ReadProblemAsync(response, cancellationToken));
        }

        // Only typed answers are read; create, publish, withdraw and the like need nothing from the body.
        var value = typeof(T) == typeof(object) ? null : await BackendCall.ReadAsync<T>(response, Backends.Onboarding, cancellationToken);
        return new(response.StatusCode, value, null);
    }
}
