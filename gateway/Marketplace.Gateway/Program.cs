using Marketplace.Gateway.Auth;
using Marketplace.Gateway.Backend;
using Marketplace.Gateway.Edge;
using Marketplace.Gateway.Pages;

var builder = WebApplication.CreateBuilder(args);
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.AddBackends();            // back-channel clients for identity, catalogue, onboarding; readiness checks
builder.Services.AddReviewClient(); // commissioning's feedback, "you said, we did" and Local Offer audit
builder.AddSessions();            // cookie sessions holding identity's tokens, data protection keys, antiforgery
builder.AddSignInRateLimits();    // RateLimiting:SignInPerMinute on POST /sign-in and /connect/token
builder.AddFrontEnd();            // Razor Pages (GOV.UK Design System)

var app = builder.Build();
app.UseSecurityHeaders();         // CSP, nosniff, frame and referrer policies, HSTS off loopback, CORS for /oruk
app.UseFrontEnd();                // error pages, static files
app.UseRouting();
app.UseAuthentication();
app.UseRateLimiter();
app.UseAuthorization();
app.MapHealth();                  // /health/live, /health/ready
app.MapEdge();                    // /api/{service}/**, /oruk/**, /connect/token, /.well-known/**
app.MapRazorPages();
app.Run();

public partial class Program;
