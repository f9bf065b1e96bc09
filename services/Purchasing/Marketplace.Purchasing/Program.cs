using Marketplace.Purchasing.Consumers;
using Marketplace.Purchasing.Demo;
using Marketplace.Purchasing.Features.Budgets;
using Marketplace.Purchasing.Features.Orders;
using Marketplace.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("purchasing", bus =>
{
    bus.AddConsumer<KeepPublishedOfferConsumer>();
    bus.AddConsumer<StopSellingWithdrawnOfferConsumer>();
    bus.AddConsumer<StopSellingFromSuspendedProviderConsumer>();
    bus.AddConsumer<ResumeSellingFromReinstatedProviderConsumer>();
});
builder.Services.AddHostedService<DemoBudgetsSeeder>();

var app = builder.Build();
app.MapServiceDefaults();
app.MapBudgetsApi();
app.MapOrdersApi();
app.Run();

public partial class Program;
