using Marketplace.Identity.Demo;
using Marketplace.Identity.Tokens;
using Marketplace.Identity.Users;
using Microsoft.AspNetCore.Identity;

namespace Marketplace.Identity;

public static class IdentityRegistration
{
    public static WebApplicationBuilder AddIdentityService(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<IssuerOptions>(builder.Configuration.GetSection("Identity"));
        builder.Services
            .AddIdentityCore<MarketplaceUser>(options =>
            {
                options.User.RequireUniqueEmail = true;
                options.Password.RequiredLength = 12;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
            })
            .AddUserStore<DapperUserStore>();
        builder.Services.AddSingleton<SigningKeys>();
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddHostedService<DemoUsersSeeder>();
        return builder;
    }
}
