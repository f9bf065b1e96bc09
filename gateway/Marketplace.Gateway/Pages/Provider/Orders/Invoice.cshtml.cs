using System.Globalization;
using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Marketplace.Gateway.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.Provider.Orders;

/// <summary>
/// The provider's invoice for a delivered order: its number, up to <see cref="MaxLines"/> lines (what, how many, the
/// price of each; empty lines are left out), VAT status and due date. Issuing it spends the buyer's money.
/// </summary>
public sealed class InvoiceModel(PurchasingClient purchasing) : PageModel
{
    public const int MaxLines = 4;

    public static readonly IReadOnlyList<string> Fields =
    [
        "invoiceNumber", .. Enumerable.Range(1, MaxLines).SelectMany(n => new[] { $"line{n}-description", $"line{n}-quantity", $"line{n}-price" }),
        "vatStatus", "vatRegistrationNumber", "dueOn",
    ];

    public static readonly IReadOnlyList<Option> VatStatuses =
    [
        new("not-registered", "We are not registered for VAT"), new("exempt", "Exempt from VAT"),
        new("standard-rated", "Standard rated (20% VAT included in the amount)"), new("zero-rated", "Zero rated"),
    ];

    public OrderItem? Order { get; private set; }
    public FormErrors Errors { get; } = new(Fields);
    [BindProperty] public string? InvoiceNumber { get; set; }
    [BindProperty] public List<InvoiceLineInput> Lines { get; set; } = [];
    [BindProperty] public string? VatStatus { get; set; }
    [BindProperty] public string? VatRegistrationNumber { get; set; }
    [BindProperty] public DateParts DueOn { get; set; } = new();

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

        Lines = [new($"{Order!.CostOptionLabel}: {Order.OfferName}", Order.Quantity.ToString(CultureInfo.InvariantCulture),
            (Order.AmountPence / Math.Max(Order.Quantity, 1) / 100m).ToString("0.00", CultureInfo.InvariantCulture))];
        DueOn = DateParts.Of(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(30));
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

        var lines = new List<object>();
        for (var i = 0; i < Math.Min(Lines.Count, MaxLines); i++)
        {
            var line = Lines[i];
            if (line.IsEmpty)
            {
                continue;
            }

            var n = i + 1;
            if (string.IsNullOrWhiteSpace(line.Description) || line.Description.Length > 200)
            {
                Errors.Add($"line{n}-description", $"Say what line {n} is for, in 200 characters or fewer");
            }

            if (!int.TryParse(line.Quantity?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var quantity) || quantity is < 1 or > 1000)
            {
                Errors.Add($"line{n}-quantity", $"Enter how many for line {n}, as a whole number from 1 to 1000");
            }

            if (!Money.TryParsePounds(line.Price, out var pence))
            {
                Errors.Add($"line{n}-price", $"Enter the price of each for line {n} in pounds, like 45.00");
            }

            lines.Add(new { description = line.Description?.Trim(), quantity, unitPricePence = pence });
        }

        if (lines.Count == 0)
        {
            Errors.Add("line1-description", "Say what you delivered, how many and the price of each");
        }

        if (!VatStatuses.Any(v => v.Value == VatStatus))
        {
            Errors.Add("vatStatus", "Choose how VAT applies");
        }

        string? dueError = null;
        var due = DueOn.IsEmpty ? null : DueOn.Read("The date payment is due", "31 12 2026", out dueError);
        if (due is null)
        {
            Errors.Add("dueOn", dueError ?? "Enter the date payment is due");
        }

        if (Errors.Any)
        {
            return Page();
        }

        var result = await purchasing.IssueInvoiceAsync(id, new
        {
            invoiceNumber = InvoiceNumber!.Trim(), vatStatus = VatStatus, vatRegistrationNumber = VatRegistrationNumber?.Trim(), dueOn = due!.Value,
            lines,
        }, token, ct);
        if (!result.Succeeded)
        {
            Provider.OnboardingPages.AddProblem(Errors, result.Problem, Fields, "The invoice could not be sent. Try again later.",
                name => name switch { "lines" => "line1-description", _ => null });
            return Page();
        }

        TempData["Success"] = $"Invoice {result.Value!.InvoiceNumber} for {Money.Format(result.Value.TotalPence)} was sent.";
        return Redirect("/provider/orders");
    }

    private async Task<IActionResult?> LoadAsync(Guid id, string token, CancellationToken ct)
    {
        (Order, var answer) = await PurchasingText.OrderAsync(this, purchasing, id, token, ct);
        return answer;
    }
}

/// <summary>One line of the invoice form, as typed.</summary>
public sealed record InvoiceLineInput(string? Description = null, string? Quantity = null, string? Price = null)
{
    public bool IsEmpty => string.IsNullOrWhiteSpace(Description) && string.IsNullOrWhiteSpace(Quantity) && string.IsNullOrWhiteSpace(Price);
}

/// <summary>One line's fields on the page, with its errors; <see cref="Shown"/> when it has anything to show.</summary>
public sealed record InvoiceLineField(int Index, InvoiceLineInput Line, FormErrors Errors)
{
    public bool Shown => !Line.IsEmpty || new[] { "description", "quantity", "price" }.Any(f => Errors.For($"line{Index + 1}-{f}") is not null);
}
