using System.Security.Claims;
using Marketplace.Purchasing.Features.Shared;
using Marketplace.ServiceDefaults.Security;
using Npgsql;

namespace Marketplace.Purchasing.Features.Schools;

/// <summary>School accounts by URN: read and set up by the school's staff or an officer of its LA.</summary>
public static class SchoolsApi
{
    public static IEndpointRouteBuilder MapSchoolsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/purchasing/schools/{urn}").RequireAuthorization(p => p.RequireRole(MarketplaceRoles.School, MarketplaceRoles.LaOfficer));
        api.MapGet("", Get);
        api.MapPut("", SetUp);
        return app;
    }

    private static async Task<IResult> Get(string urn, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct) =>
        (await SchoolAccounts.GetAsync(db, Caller.From(user), urn, clock.GetUtcNow(), ct)).ToResult();

    private static async Task<IResult> SetUp(string urn, SchoolAccountRequest request, ClaimsPrincipal user, NpgsqlDataSource db, TimeProvider clock, CancellationToken ct)
    {
        var errors = SchoolAccounts.Validate(request);
        errors.Require(urn.Length is >= 5 and <= 8 && urn.All(char.IsAsciiDigit), "urn", "A school's URN is 5 to 8 digits.");
        if (errors.Any)
        {
            return errors.ToResult();
        }

        return (await SchoolAccounts.SetUpAsync(db, Caller.From(user), urn, request, clock.GetUtcNow(), ct)).ToResult();
    }
}
