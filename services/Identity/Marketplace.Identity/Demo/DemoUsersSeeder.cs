using Marketplace.Identity.Users;
using Marketplace.ServiceDefaults.Demo;
using Marketplace.ServiceDefaults.Security;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Identity.Demo;

/// <summary>Creates the six demo sign-ins when demo seeding is on. Existing accounts are left as they are.</summary>
public sealed class DemoUsersSeeder(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DemoUsersSeeder> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!DemoRegion.IsEnabled(configuration))
        {
            return;
        }

        var password = configuration[DemoRegion.PasswordVariable];
        if (string.IsNullOrEmpty(password))
        {
            throw new InvalidOperationException($"Demo seeding is on but {DemoRegion.PasswordVariable} is not set.");
        }

        var home = DemoRegion.HomeLocalAuthority;
        (string Local, string Name, string Role, string? OrgType, string? OrgId)[] people =
        [
            ("family", "Sam Taylor (parent)", MarketplaceRoles.Family, "household", null),
            ("youngperson", "Alex Morgan", MarketplaceRoles.YoungPerson, "household", null),
            ("school", "Oakfield Primary School", MarketplaceRoles.School, "school", "105432"),
            ("provider", "Brightpath Therapies", MarketplaceRoles.Provider, "provider", DemoRegion.DemoProviderId.ToString()),
            ("officer", "Priya Shah (SEND officer)", MarketplaceRoles.LaOfficer, "la", home),
            ("commissioner", "Jordan Hughes (commissioner)", MarketplaceRoles.Commissioner, "la", home),
            // Extra sign-ins for trying the edges: a second provider, a provider yet to register its
            // organisation, and an officer of another authority (Wigan).
            ("provider2", "Northern Lights Children's Services CIC", MarketplaceRoles.Provider, "provider", DemoRegion.SecondProviderId.ToString()),
            ("newprovider", "Casey Lee (new provider)", MarketplaceRoles.Provider, null, null),
            ("newprovider2", "Robin Ahmed (new provider)", MarketplaceRoles.Provider, null, null),
            ("officer.wigan", "Morgan Price (Wigan SEND officer)", MarketplaceRoles.LaOfficer, "la", "E08000010"),
        ];

        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MarketplaceUser>>();
        foreach (var person in people)
        {
            var email = $"{person.Local}@{DemoRegion.EmailDomain}";
            if (await users.FindByEmailAsync(email) is not null)
            {
                continue;
            }

            var result = await users.CreateAsync(new MarketplaceUser
            {
                Id = Guid.CreateVersion7(),
                Email = email,
                DisplayName = person.Name,
                Role = person.Role,
                OrganisationType = person.OrgType,
                OrganisationId = person.OrgId,
                LocalAuthority = person.OrgType == "la" ? person.OrgId : home,
            }, password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException($"Could not seed {email}: {string.Join(" ", result.Errors.Select(e => e.Description))}");
            }

            logger.LogInformation("Seeded demo sign-in {Email}", email);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
