using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Marketplace.Gateway.Backend;

/// <summary>The body of <c>POST /api/commissioning/feedback</c>.</summary>
public sealed record FeedbackRequest(
    string? LocalAuthority, string? About, string? Respondent, string? Comment, string? PagePath, bool? IndividualCase,
    string? ContactName, string? ContactEmail, string? ContactPhone);

/// <summary>A comment as its LA's officers see it.</summary>
public sealed record FeedbackItem
{
    public Guid Id { get; init; }
    public string LocalAuthority { get; init; } = "";
    public string About { get; init; } = "";
    public string Respondent { get; init; } = "";
    public string Comment { get; init; } = "";
    public string? PagePath { get; init; }
    public bool IndividualCase { get; init; }
    public string? ContactName { get; init; }
    public string? ContactEmail { get; init; }
    public string? ContactPhone { get; init; }
    public DateTimeOffset ReceivedAt { get; init; }
    public string Status { get; init; } = "";
    public string? Theme { get; init; }
    public string? YouSaid { get; init; }
    public string? Response { get; init; }
    public string? ActionPlanned { get; init; }
    public string? RoutedTo { get; init; }
    public string? TriagedBy { get; init; }
    public DateTimeOffset? TriagedAt { get; init; }
}

public sealed record FeedbackList(IReadOnlyList<FeedbackItem> Items);

public sealed record SummaryEntry(string YouSaid, string WeDid, string ActionPlanned);

public sealed record SummaryTheme(string Theme, string Comments, IReadOnlyList<SummaryEntry> Entries);

public sealed record SummaryCount(string Code, string Label, string Comments);

public sealed record SummaryContent(
    string LocalAuthority, int Year, string CommentsReceived, IReadOnlyList<SummaryCount> ByTopic, IReadOnlyList<SummaryCount> ByRespondent,
    IReadOnlyList<SummaryTheme> Themes, string RoutedOut);

/// <summary>A year's "you said, we did" summary: a draft (officers only) or published.</summary>
public sealed record FeedbackSummary(string LocalAuthority, int Year, string Status, DateTimeOffset DraftedAt, DateTimeOffset? PublishedAt, SummaryContent Content);

public sealed record PublishedYears(string LocalAuthority, IReadOnlyList<int> Years);

public sealed record EvidenceLink(string Title, string Url);

public sealed record CriterionResult(string Description, string Outcome, string Detail, IReadOnlyList<EvidenceLink> Links);

public sealed record AuditItem(
    string Code, string Title, string Question, string? Proposed, string? Score, string? Reason, IReadOnlyList<CriterionResult> Evidence,
    DateTimeOffset? ProposedAt, string? Confirmed, string? Note, string? DecidedBy, DateTimeOffset? DecidedAt);

public sealed record AuditSection(string Code, string Title, IReadOnlyList<AuditItem> Items);

public sealed record AuditFramework(string Code, string Title, IReadOnlyList<AuditSection> Sections);

public sealed record LocalOfferAudit(string LocalAuthority, string Name, IReadOnlyList<AuditFramework> Frameworks);

public sealed record AuthoritySummary(string Code, string Name, int Yes, int Partial, int No, int Decided, int Items);

public sealed record SectionTrendPoint(int Year, int Yes, int Partial, int No);

public sealed record SectionSummary(string Framework, string Section, string Title, int Yes, int Partial, int No, IReadOnlyList<SectionTrendPoint> Trend);

public sealed record WeakArea(string Item, string Title, string Section, int Yes, int Partial, int No, string Recommendation);

public sealed record BestPractice(string Item, string Title, string LocalAuthority, string LocalAuthorityName, IReadOnlyList<EvidenceLink> Links);

public sealed record AuditReport(
    string Rubric, DateTimeOffset GeneratedAt, IReadOnlyList<AuthoritySummary> Authorities, IReadOnlyList<SectionSummary> Sections,
    IReadOnlyList<WeakArea> WeakAreas, IReadOnlyList<BestPractice> BestPractice, IReadOnlyList<string> Recommendations);

public sealed record AuditDecisionEntry(string Proposed, string Score, string Note, string ActorName, DateTimeOffset DecidedAt);

public sealed record AuditDecisions(IReadOnlyList<AuditDecisionEntry> Items);

public sealed record ReviewResult<T>(HttpStatusCode Status, T? Value, Problem? Problem)
{
    public bool Succeeded => (int)Status is >= 200 and < 300;
}

public static class ReviewClientRegistration
{
    public static void AddReviewClient(this IServiceCollection services) =>
        services.AddHttpClient<ReviewClient>((sp, client) =>
        {
            client.BaseAddress = Backends.BaseAddress(sp.GetRequiredService<IConfiguration>(), Backends.Commissioning);
            client.Timeout = TimeSpan.FromSeconds(30);
        }).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            UseProxy = false, UseCookies = false, AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5),
        });
}

/// <summary>Commissioning's review loop (feedback, "you said, we did") and Local Offer audit, called with the user's token where one is needed.</summary>
public sealed class ReviewClient(HttpClient http)
{
    public Task<ReviewResult<object>> SubmitFeedbackAsync(FeedbackRequest feedback, CancellationToken ct) =>
        SendAsync<object>(HttpMethod.Post, "/api/commissioning/feedback", JsonContent.Create(feedback, options: Backends.Json), null, ct);

    public Task<ReviewResult<PublishedYears>> PublishedYearsAsync(string la, CancellationToken ct) =>
        SendAsync<PublishedYears>(HttpMethod.Get, $"/api/commissioning/you-said-we-did/{Uri.EscapeDataString(la)}", null, null, ct);

    public Task<ReviewResult<FeedbackSummary>> PublishedSummaryAsync(string la, int year, CancellationToken ct) =>
        SendAsync<FeedbackSummary>(HttpMethod.Get, $"/api/commissioning/you-said-we-did/{Uri.EscapeDataString(la)}/{year}", null, null, ct);

    // LA officers: triage and the yearly summary.

    public Task<ReviewResult<FeedbackList>> ListFeedbackAsync(string? status, string token, CancellationToken ct) =>
        SendAsync<FeedbackList>(HttpMethod.Get, status is null ? "/api/commissioning/feedback" : $"/api/commissioning/feedback?status={Uri.EscapeDataString(status)}", null, token, ct);

    public Task<ReviewResult<FeedbackItem>> GetFeedbackAsync(Guid id, string token, CancellationToken ct) =>
        SendAsync<FeedbackItem>(HttpMethod.Get, $"/api/commissioning/feedback/{id}", null, token, ct);

    public Task<ReviewResult<object>> RespondAsync(Guid id, string? theme, string? youSaid, string? response, string? actionPlanned, string token, CancellationToken ct) =>
        SendAsync<object>(HttpMethod.Post, $"/api/commissioning/feedback/{id}/response",
            JsonContent.Create(new { theme, youSaid, response, actionPlanned }, options: Backends.Json), token, ct);

    public Task<ReviewResult<object>> RouteOutAsync(Guid id, string? routedTo, string token, CancellationToken ct) =>
        SendAsync<object>(HttpMethod.Post, $"/api/commissioning/feedback/{id}/routing", JsonContent.Create(new { routedTo }, options: Backends.Json), token, ct);

    public Task<ReviewResult<FeedbackSummary>> SummaryAsync(int year, string token, CancellationToken ct) =>
        SendAsync<FeedbackSummary>(HttpMethod.Get, $"/api/commissioning/feedback-summaries/{year}", null, token, ct);

    public Task<ReviewResult<FeedbackSummary>> DraftSummaryAsync(int year, string token, CancellationToken ct) =>
        SendAsync<FeedbackSummary>(HttpMethod.Post, $"/api/commissioning/feedback-summaries/{year}/draft", null, token, ct);

    public Task<ReviewResult<object>> PublishSummaryAsync(int year, string token, CancellationToken ct) =>
        SendAsync<object>(HttpMethod.Post, $"/api/commissioning/feedback-summaries/{year}/publication", null, token, ct);

    // Commissioners: the Local Offer audit.

    public Task<ReviewResult<LocalOfferAudit>> AuditAsync(string la, string token, CancellationToken ct) =>
        SendAsync<LocalOfferAudit>(HttpMethod.Get, $"/api/commissioning/audit/{Uri.EscapeDataString(la)}", null, token, ct);

    public Task<ReviewResult<object>> ProposeAsync(string la, string token, CancellationToken ct) =>
        SendAsync<object>(HttpMethod.Post, $"/api/commissioning/audit/{Uri.EscapeDataString(la)}/proposals", null, token, ct);

    public Task<ReviewResult<object>> DecideAsync(string la, string item, string? score, string? note, string token, CancellationToken ct) =>
        SendAsync<object>(HttpMethod.Post, $"/api/commissioning/audit/{Uri.EscapeDataString(la)}/items/{Uri.EscapeDataString(item)}/decision",
            JsonContent.Create(new { score, note }, options: Backends.Json), token, ct);

    public Task<ReviewResult<AuditDecisions>> DecisionsAsync(string la, string item, string token, CancellationToken ct) =>
        SendAsync<AuditDecisions>(HttpMethod.Get, $"/api/commissioning/audit/{Uri.EscapeDataString(la)}/items/{Uri.EscapeDataString(item)}/decisions", null, token, ct);

    public Task<ReviewResult<AuditReport>> ReportAsync(string token, CancellationToken ct) =>
        SendAsync<AuditReport>(HttpMethod.Get, "/api/commissioning/audit/report", null, token, ct);

    public async Task<ReviewResult<byte[]>> ReportCsvAsync(string token, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/commissioning/audit/report");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        using var response = await BackendCall.SendAsync(http, Backends.Commissioning, request, ct);
        return response.IsSuccessStatusCode
            ? new(response.StatusCode, await response.Content.ReadAsByteArrayAsync(ct), null)
            : new(response.StatusCode, null, await BackendCall.ReadProblemAsync(response, ct));
    }

    private async Task<ReviewResult<T>> SendAsync<T>(HttpMethod method, string path, HttpContent? content, string? token, CancellationToken ct)
        where T : class
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await BackendCall.SendAsync(http, Backends.Commissioning, request, ct);
        if (!response.IsSuccessStatusCode)
        {
            return new(response.StatusCode, null, await BackendCall.ReadProblemAsync(response, ct));
        }

        var value = typeof(T) == typeof(object) ? null : await BackendCall.ReadAsync<T>(response, Backends.Commissioning, ct);
        return new(response.StatusCode, value, null);
    }
}
