using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Provider;
using Marketplace.Gateway.Pages.Shared;
using Marketplace.Gateway.Reference;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages.School;

/// <summary>
/// The school business manager changes the school's account: its name, the most it may order in a financial year
/// (or no cap), and the staff who may order, one email address a line. The council sets an account up first.
/// </summary>
[Authorize(Roles = SchoolPages.Role)]
public sealed class AccountModel(PurchasingClient purchasing) : PageModel
{
    public static readonly IReadOnlyList<string> Fields = ["name", "annualCap", "staffEmails"];

    public FormErrors Errors { get; } = new();

    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? AnnualCap { get; set; }
    [BindProperty] public string? StaffEmails { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token || User.OrganisationId() is not { } urn)
        {
            return Challenge();
        }

        if ((await purchasing.SchoolAsync(urn, token, ct)).Value is not { } account)
        {
            return Redirect("/school"); // it says to ask the council to set one up
        }

        Name = account.Name;
        AnnualCap = account.AnnualCapPence is { } cap ? Money.Format(cap).TrimStart('£') : null;
        StaffEmails = string.Join('\n', account.StaffEmails);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await HttpContext.GetAccessTokenAsync() is not { } token || User.OrganisationId() is not { } urn)
        {
            return Challenge();
        }

        long? capPence = null;
        if (!string.IsNullOrWhiteSpace(AnnualCap))
        {
            if (Money.TryParsePounds(AnnualCap, out var pence) && pence >= 0)
            {
                capPence = pence;
            }
            else
            {
                Errors.Add("annualCap", "Enter the annual cap in pounds, like 12000 or 12,000.50, or leave it empty for no cap");
            }
        }

        var staff = (StaffEmails ?? "").Split(['\n', '\r', ',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (staff.Length == 0)
        {
            Errors.Add("staffEmails", "Enter the email address of at least one member of staff who may order");
        }

        if (Errors.Any)
        {
            return Page();
        }

        var result = await purchasing.SetUpSchoolAsync(urn, new { name = Name?.Trim(), annualCapPence = capPence, staffEmails = staff }, token, ct);
        if (!result.Succeeded)
        {
            OnboardingPages.AddProblem(Errors, result.Problem, Fields, "The account could not be saved. Try again later.",
                name => name == "annualCapPence" ? "annualCap" : null);
            return Page();
        }

        TempData["Success"] = "Your school's account is saved.";
        return Redirect("/school");
    }
}
