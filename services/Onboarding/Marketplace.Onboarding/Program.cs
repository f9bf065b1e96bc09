using Marketplace.Onboarding.Demo;
using Marketplace.Onboarding.Features.Evidence;
using Marketplace.Onboarding.Features.Offers;
using Marketplace.Onboarding.Features.Providers;
using Marketplace.Onboarding.Jobs;
using Marketplace.ServiceDefaults;
using Quartz;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("onboarding", configureJobs: jobs => jobs.ScheduleJob<CheckEvidenceExpiryJob>(trigger => trigger
    .WithIdentity("check-evidence-expiry")
    .WithCronSchedule(builder.Configuration["Jobs:CheckEvidenceExpiry"] ?? "0 0 2 * * ?")));
builder.Services.AddSingleton<EvidenceExpiryCheck>();
builder.Services.AddHostedService<DemoProvidersSeeder>();

var app = builder.Build();
app.MapServiceDefaults();
app.MapProvidersApi();
app.MapEvidenceApi();
app.MapEvidenceChecksApi();
app.MapOffersApi();
app.MapOfferEditsApi();
app.Run();

public partial class Program;
