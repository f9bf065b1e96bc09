using System.Net.Http.Json;

namespace Marketplace.Gateway.Backend;

/// <summary>RFC 9457 problem details as the services send them; <see cref="Errors"/> is keyed by JSON field name.</summary>
public sealed record Problem(string? Title, string? Detail, int? Status, Dictionary<string, string[]>? Errors)
{
    /// <summary>The OAuth error code (<c>invalid_grant</c>), when the answer came from the token endpoint.</summary>
    public string? Error { get; init; }

    public string Describe() => Detail ?? Title ?? "Something went wrong.";
}

/// <summary>Sends one back-channel request and turns "no answer" and server errors into <see cref="BackendUnavailableException"/>.</summary>
internal static class BackendCall
{
    public static async Task<HttpResponseMessage> SendAsync(
        HttpClient http, string service, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (http.BaseAddress is null)
        {
            throw new BackendUnavailableException(service, $"Services:{service} is not configured");
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new BackendUnavailableException(service, e.Message, e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BackendUnavailableException(service, "timed out", e);
        }

        if ((int)response.StatusCode >= 500)
        {
            response.Dispose();
            throw new BackendUnavailableException(service, $"answered {(int)response.StatusCode}");
        }

        return response;
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, string service, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(Backends.Json, cancellationToken)
                ?? throw new BackendUnavailableException(service, "answered with an empty body");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new BackendUnavailableException(service, "answered with JSON the gateway cannot read", e);
        }
    }

    public static async Task<Problem> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<Problem>(Backends.Json, cancellationToken)
                ?? new Problem(response.ReasonPhrase, null, (int)response.StatusCode, null);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException)
        {
            return new Problem(response.ReasonPhrase, null, (int)response.StatusCode, null);
        }
    }
}
