namespace Marketplace.Gateway.Backend;

/// <summary>A service the page needs did not answer, or answered with a server error. Pages show 503 for it.</summary>
public sealed class BackendUnavailableException(string service, string reason, Exception? inner = null)
    : Exception($"The {service} service is unavailable: {reason}", inner)
{
    public string Service { get; } = service;
}
