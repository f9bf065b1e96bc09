using System.Net;
using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Marketplace.Gateway.Reference;
using Marketplace.ServiceDefaults.Taxonomy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Commissioning;

/// <summary>
/// What the commissioning pages share: the filters (a GET form, so every view is a link), the commissioner's
/// token, and the service's refusals and field errors shown the GOV.UK way.
/// </summary>
[Authorize(Roles = Role)]
public abstract class CommissioningPage : PageModel
{
    public const string Role = "commissioner";

    public static readonly IReadOnlyList<string> FieldOrder = ["need", "ageBand", "provisionArea", "serviceType", "from", "to"];

    public static readonly IReadOnlyList<Option> AgeBands = [.. SendTaxonomy.AgeBands.Select(b => new Option(b.Code, b.Label))];

    [BindProperty(SupportsGet = true)] public string? Need { get; set; }
    [BindProperty(SupportsGet = true)] public string? AgeBand { get; set; }
    [BindProperty(SupportsGet = true)] public string? ProvisionArea { get; set; }
    [BindProperty(SupportsGet = true)] public string? ServiceType { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public FormErrors Errors { get; } = new(FieldOrder);

    public GapFilters Filters => new(Need, AgeBand, From, To, ProvisionArea, ServiceType);

    /// <summary>The link to another commissioning page with the same filters (and any changed).</summary>
    public string Link(string path, string? need = null, string? ageBand = null) =>
        path + (Filters with { Need = need ?? Need, AgeBand = ageBand ?? AgeBand }).QueryString();

    public static string AgeBandText(string band) => AgeBands.TextFor(band);

    /// <summary>A refusal from the service as a page result (sign in again, or not allowed); field errors go into <see cref="Errors"/>.</summary>
    protected IActionResult? Refusal<T>(GapsResult<T> result)
    {
        if (result.Status == HttpStatusCode.Unauthorized)
        {
            return Challenge();
        }

        if (result.Status is HttpStatusCode.Forbidden or HttpStatusCode.NotFound)
        {
            return NotFound();
        }

        if (result.Status == HttpStatusCode.BadRequest)
        {
            foreach (var (field, messages) in result.Problem?.Errors ?? [])
            {
                Errors.Add(field, messages.FirstOrDefault() ?? "Check this filter");
            }

            if (!Errors.Any)
            {
                Errors.Add("", result.Problem?.Describe() ?? "Check the filters");
            }
        }
        else if (!result.Succeeded)
        {
            throw new BackendUnavailableException(Backends.Commissioning, $"answered {(int)result.Status}");
        }

        return null;
    }

    protected Task<string?> TokenAsync() => HttpContext.GetAccessTokenAsync();
}
