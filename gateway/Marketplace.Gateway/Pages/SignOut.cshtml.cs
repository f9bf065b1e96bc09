using Marketplace.Gateway.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages;

/// <summary>Ends the session (POST with an antiforgery token; GET shows a button for it).</summary>
public sealed class SignOutModel : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(TokenSession.Scheme);
        TempData["Success"] = "You have signed out.";
        return LocalRedirect("/");
    }
}
