using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Marketplace.Gateway.Pages;

/// <summary>
/// Email and password, checked by identity's token endpoint over the back channel (password grant). The tokens
/// go into the session cookie; the browser never sees them.
/// </summary>
public sealed class SignInModel(IdentityClient identity) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }

    public FormErrors Errors { get; } = new(["email", "password"]);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        Email = Email?.Trim();
        if (string.IsNullOrEmpty(Email))
        {
            Errors.Add("email", "Enter your email address");
        }

        if (string.IsNullOrEmpty(Password))
        {
            Errors.Add("password", "Enter your password");
        }

        if (Errors.Any)
        {
            return Page();
        }

        var tokens = await identity.SignInAsync(Email!, Password!, cancellationToken);
        if (tokens is null)
        {
            Errors.Add("email", "Enter a correct email address and password");
            return Page();
        }

        await TokenSession.SignInAsync(HttpContext, tokens);
        return LocalRedirect(Destination(tokens));
    }

    /// <summary>Back to the page that asked for sign-in, else the user's own starting page.</summary>
    private string Destination(TokenResponse tokens)
    {
        if (!string.IsNullOrEmpty(ReturnUrl) && Url.IsLocalUrl(ReturnUrl) && !ReturnUrl.StartsWith("/sign-", StringComparison.OrdinalIgnoreCase))
        {
            return ReturnUrl;
        }

        // Each role starts where its work is.
        var user = SessionPrincipal.From(tokens.AccessToken);
        return user.IsInRole("provider") ? "/provider"
            : user.IsInRole("la-officer") ? "/officer/vetting"
            : user.IsInRole("family") || user.IsInRole("young-person") ? "/family"
            : user.IsInRole("school") ? "/school"
            : user.IsInRole("commissioner") ? "/commissioning"
            : "/";
    }
}
