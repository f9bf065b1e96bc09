using Marketplace.Commissioning.Features.Feedback;
using Marketplace.Commissioning.Features.Gaps;
using Marketplace.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("commissioning",
    bus => bus.AddDemandConsumers(),                         // every event that carries demand or supply, counted once
    jobs =>
    {
        jobs.AddDemandJobs(builder.Configuration);           // nightly rebuild of the rollups from the facts
        jobs.ScheduleReviewLoopJobs(builder.Configuration);  // the yearly "you said, we did" draft
    });
builder.AddGaps();                                           // DfE baseline imported at first start
builder.AddReviewLoop();                                     // Local Offer feedback, triage, "you said, we did" and the Local Offer audit

var app = builder.Build();
app.MapServiceDefaults();
app.MapGaps();                                               // /api/commissioning/gaps…, /rollups/rebuild, /baseline/imports
app.MapReviewLoop();
app.Run();

public partial class Program;
