using System.Globalization;
using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Marketplace.Gateway.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Provider.Orders;

/// <summary>The provider's invoice for a delivered order: number, one line, VAT status and due date. Issuing it spends the buyer's money.</summary>
public sealed class InvoiceModel(PurchasingClient purchasing) : PageModel
{
    public static readonly IReadOnlyList<string> Fields = ["invoiceNumber", "description", "amount", "vatStatus", "vatRegistrationNumber", "dueOn"];
    public static readonly IReadOnlyList<Option> VatStatuses =
    [
        new("not-registered", "We are not registered for VAT"), new("exempt", "Exempt from VAT"),
        new("standard-rated", "Standard rated (20% VAT included in the amount)"), new("zero-rated", "Zero rated"),
    ];

    public OrderItem? Order { get; private set; }
    public FormErrors Errors { get; } = new(Fields);
    [BindProperty] public string? InvoiceNumber { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? Amount { get; set; }
    [BindProperty] public string? VatStatus { get; set; }
    [BindProperty] public string? VatRegistrationNumber { get; set; }
    [BindProperty] public string? DueOn { get; set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        if (await LoadAsync(id, token, ct) is { } refusal)
        {
            return refusal;
        }

        Description = $"{Order!.Quantity} × {Order.CostOptionLabel}: {Order.OfferName}";
        Amount = (Order.AmountPence / 100m).ToString("0.00", CultureInfo.InvariantCulture);
        DueOn = DateTime.UtcNow.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token)
        {
            return Challenge();
        }

        if (await LoadAsync(id, token, ct) is { } refusal)
        {
            return refusal;
        }

        if (string.IsNullOrWhiteSpace(InvoiceNumber))
        {
            Errors.Add("invoiceNumber", "Enter your invoice number");
        }

        if (string.IsNullOrWhiteSpace(Description))
        {
            Errors.Add("description", "Say what you delivered");
        }

        if (!Money.TryParsePounds(Amount, out var pence))
        {
            Errors.Add("amount", "Enter the amount in pounds, like 45.00");
        }

        if (!VatStatuses.Any(v => v.Value == VatStatus))
        {
            Errors.Add("vatStatus", "Choose how VAT applies");
        }

        if (!DateOnly.TryParseExact(DueOn?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var due))
        {
            Errors.Add("dueOn", "Enter the date payment is due, like 2026-12-31");
        }

        if (Errors.Any)
        {
            return Page();
        }

        var result = await purchasing.IssueInvoiceAsync(id, new
        {
            invoiceNumber = InvoiceNumber!.Trim(), vatStatus = VatStatus, vatRegistrationNumber = VatRegistrationNumber?.Trim(), dueOn = due,
            lines = new[] { new { description = Description!.Trim(), quantity = 1, unitPricePence = pence } },
        }, token, ct);
        if (!result.Succeeded)
        {
            Provider.OnboardingPages.AddProblem(Errors, result.Problem, Fields, "The invoice could not be sent. Try again later.",
                name => name switch { "lines" => "amount", _ => null });
            return Page();
        }

        TempData["Success"] = $"Invoice {result.Value!.InvoiceNumber} for {Money.Format(result.Value.TotalPence)} was sent.";
        return Redirect("/provider/orders");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, string token, CancellationToken ct)
    {
        var result = await purchasing.OrderAsync(id, token, ct);
        if (PurchasingText.Refusal(this, result.Status) is { } refusal)
        {
            return refusal;
        }

        Order = result.Value;
        return null;
    }
}
