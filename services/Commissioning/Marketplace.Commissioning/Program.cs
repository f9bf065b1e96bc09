using Marketplace.Commissioning.Features.Gaps;
using Marketplace.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("commissioning",
    bus => bus.AddDemandConsumers(),                         // every event that carries demand or supply, counted once
    jobs => jobs.AddDemandJobs(builder.Configuration));      // nightly rebuild of the rollups from the facts
builder.AddGaps();                                           // DfE baseline imported at first start

var app = builder.Build();
app.MapServiceDefaults();
app.MapGaps();                                               // /api/commissioning/gaps…, /rollups/rebuild, /baseline/imports
app.Run();

public partial class Program;
