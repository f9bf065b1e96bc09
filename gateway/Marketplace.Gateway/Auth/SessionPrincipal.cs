using System.Buffers.Text;
using System.Security.Claims;
using System.Text.Json;
using Marketplace.Gateway.Reference;

namespace Marketplace.Gateway.Auth;

/// <summary>
/// The signed-in user as the gateway knows them: the claims of the access token identity issued. The token came
/// straight from identity over the back channel, so its payload is read, not re-validated; the services validate
/// it on every call.
/// </summary>
public static class SessionPrincipal
{
    public const string NameClaim = "name";
    public const string RoleClaim = "role";

    private static readonly string[] Kept = ["sub", "email", NameClaim, RoleClaim, "org_type", "org_id", "la"];

    public static ClaimsPrincipal From(string accessToken)
    {
        var parts = accessToken.Split('.');
        if (parts.Length != 3)
        {
            throw new FormatException("The access token is not a JWT.");
        }

        using var payload = JsonDocument.Parse(Base64Url.DecodeFromChars(parts[1]));
        var claims = new List<Claim>();
        foreach (var name in Kept)
        {
            if (!payload.RootElement.TryGetProperty(name, out var value))
            {
                continue;
            }

            if (value.ValueKind == JsonValueKind.Array)
            {
                claims.AddRange(value.EnumerateArray().Select(v => new Claim(name, v.ToString())));
            }
            else if (value.ValueKind is not JsonValueKind.Null)
            {
                claims.Add(new Claim(name, value.ToString()));
            }
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, TokenSession.Scheme, NameClaim, RoleClaim));
    }

    public static string? OrganisationId(this ClaimsPrincipal user) => user.FindFirst("org_id")?.Value;

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirst(NameClaim)?.Value ?? user.FindFirst("email")?.Value ?? "Signed in";

    /// <summary>"Provider", "Parent or carer"…, the roles the user holds in words.</summary>
    public static string RoleNames(this ClaimsPrincipal user) =>
        string.Join(", ", user.FindAll(RoleClaim).Select(c => Taxonomy.Roles.TextFor(c.Value)));
}
