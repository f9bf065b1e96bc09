using System.Net;
using System.Net.Http.Headers;

namespace Marketplace.Gateway.Backend;

/// <summary>The region's median of each part, as commissioning sends it (already suppressed).</summary>
public sealed record GapRegionMedians(
    string Children, string Offers, string Places, string ChildrenPerPlace, string UnmetPer100Children, string DeclineSharePercent, string MedianWeeksToAcceptance);

/// <summary>One cell of the gap table; every figure is text, small numbers already shown as "&lt;5".</summary>
public sealed record GapCell(
    string Area, string AreaName, string Need, string NeedName, string AgeBand,
    string Children, string Offers, string Places, string ChildrenPerPlace,
    string Searches, string UnmetSearches, string UnmetPer100Children,
    string OrdersPlaced, string OrdersAccepted, string DeclinedForCapacity, string DeclineSharePercent, string MedianWeeksToAcceptance,
    string Spend, double? Score, int? Rank, GapRegionMedians? Region);

public sealed record GapTableResult(
    string Area, string AreaName, string RegionCode, string RegionName, string From, string To,
    string? ProvisionArea, string? ServiceType, IReadOnlyList<GapCell> Rows);

public sealed record GapTrendMonth(string Month, string Searches, string UnmetSearches, string OrdersPlaced, string OrdersAccepted,
    string DeclinedForCapacity, string Spend, string RegionSearches, string RegionUnmetSearches, string RegionOrdersPlaced, string RegionDeclinedForCapacity);

public sealed record GapTrend(string La, string LaName, string? Need, string? AgeBand, IReadOnlyList<GapTrendMonth> Months);

/// <summary>A published offer behind a cell.</summary>
public sealed record GapOffer(Guid OfferId, string Name, string ProviderName, string ServiceType, string ProvisionArea, string Tier,
    int MinAge, int MaxAge, int? Places, int? TypicalWaitWeeks);

/// <summary>The filters every commissioning view takes, as the query string the service reads.</summary>
public sealed record GapFilters(string? Need, string? AgeBand, string? From, string? To, string? ProvisionArea, string? ServiceType)
{
    public string QueryString(string? region = null)
    {
        var pairs = new[]
        {
            ("region", region), ("need", Need), ("ageBand", AgeBand), ("from", From), ("to", To), ("provisionArea", ProvisionArea), ("serviceType", ServiceType),
        }.Where(p => !string.IsNullOrWhiteSpace(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!.Trim())}");
        var query = string.Join('&', pairs);
        return query.Length == 0 ? "" : "?" + query;
    }
}

/// <summary>An answer from commissioning: the value, or the status and problem.</summary>
public sealed record GapsResult<T>(HttpStatusCode Status, T? Value, Problem? Problem)
{
    public bool Succeeded => (int)Status is >= 200 and < 300;
}

/// <summary>Commissioning's demand, supply and gaps API, called with the signed-in commissioner's own token.</summary>
public sealed class GapsClient(HttpClient http)
{
    public Task<GapsResult<GapTableResult>> GapsAsync(GapFilters filters, string? region, string accessToken, CancellationToken ct) =>
        GetAsync<GapTableResult>($"/api/commissioning/gaps{filters.QueryString(region)}", accessToken, ct);

    public Task<GapsResult<GapTrend>> TrendAsync(GapFilters filters, string accessToken, CancellationToken ct) =>
        GetAsync<GapTrend>($"/api/commissioning/gaps/trend{filters.QueryString()}", accessToken, ct);

    public Task<GapsResult<IReadOnlyList<GapOffer>>> OffersAsync(GapFilters filters, string accessToken, CancellationToken ct) =>
        GetAsync<IReadOnlyList<GapOffer>>($"/api/commissioning/gaps/offers{filters.QueryString()}", accessToken, ct);

    /// <summary>The gap table as commissioning writes it in CSV (suppressed like every view).</summary>
    public async Task<GapsResult<DownloadedFile>> GapsCsvAsync(GapFilters filters, string? region, string accessToken, CancellationToken ct)
    {
        using var request = Request($"/api/commissioning/gaps{filters.QueryString(region)}", "text/csv", accessToken);
        using var response = await BackendCall.SendAsync(http, Backends.Commissioning, request, ct);
        if (!response.IsSuccessStatusCode)
        {
            return new(response.StatusCode, null, await BackendCall.ReadProblemAsync(response, ct));
        }

        var headers = response.Content.Headers;
        return new(response.StatusCode, new DownloadedFile(await response.Content.ReadAsByteArrayAsync(ct), headers.ContentType?.ToString() ?? "text/csv",
            headers.ContentDisposition?.FileNameStar ?? headers.ContentDisposition?.FileName?.Trim('"')), null);
    }

    private async Task<GapsResult<T>> GetAsync<T>(string path, string accessToken, CancellationToken ct) where T : class
    {
        using var request = Request(path, "application/json", accessToken);
        using var response = await BackendCall.SendAsync(http, Backends.Commissioning, request, ct);
        return response.IsSuccessStatusCode
            ? new(response.StatusCode, await BackendCall.ReadAsync<T>(response, Backends.Commissioning, ct), null)
            : new(response.StatusCode, null, await BackendCall.ReadProblemAsync(response, ct));
    }

    private static HttpRequestMessage Request(string path, string accept, string accessToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return request;
    }
}
