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

        // Only typed answers are read; create, publish and withdraw need nothing from the body.
        var value = typeof(T) == typeof(object) ? null : await BackendCall.ReadAsync<T>(response, Backends.Onboarding, cancellationToken);
        return new(response.StatusCode, value, null);
    }
}
