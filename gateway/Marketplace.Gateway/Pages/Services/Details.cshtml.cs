using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Services;

/// <summary>One published service of the Local Offer, as catalogue holds it.</summary>
public sealed class DetailsModel(CatalogueClient catalogue) : PageModel
{
    public ServiceDetails Service { get; private set; } = new();

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        if (await catalogue.GetServiceAsync(id, cancellationToken) is not { } service)
        {
            return NotFound();
        }

        Service = service;
        return Page();
    }

    public static string CostOption(CostOptionView option)
    {
        if (option.Unit == "free" || option.AmountPence == 0)
        {
            return "Free";
        }

        var unit = option.Unit switch
        {
            "session" => " a session",
            "package" => " for the package",
            _ => "",
        };
        return Money.Format(option.AmountPence) + unit;
    }

    public static string Areas(IReadOnlyList<string> codes) =>
        codes.Count == 0 ? "Not stated" : string.Join(", ", codes.Select(LocalAuthorities.NameOf).Order(StringComparer.Ordinal));
}
