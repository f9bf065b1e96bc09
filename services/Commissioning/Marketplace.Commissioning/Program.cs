using Marketplace.Commissioning.Features.Feedback;
using Marketplace.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("commissioning", configureJobs: jobs => jobs.ScheduleReviewLoopJobs(builder.Configuration));
builder.AddReviewLoop();          // Local Offer feedback, triage, "you said, we did" and the Local Offer audit

var app = builder.Build();
app.MapServiceDefaults();
app.MapReviewLoop();
app.Run();

public partial class Program;
