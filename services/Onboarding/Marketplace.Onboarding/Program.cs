using Marketplace.Onboarding.Demo;
using Marketplace.Onboarding.Features.Offers;
using Marketplace.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("onboarding");
builder.Services.AddHostedService<DemoProvidersSeeder>();

var app = builder.Build();
app.MapServiceDefaults();
app.MapOffersApi();
app.Run();

public partial class Program;
