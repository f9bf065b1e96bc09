using Marketplace.Purchasing.Consumers;
using Marketplace.Purchasing.Demo;
using Marketplace.Purchasing.Features.Budgets;
using Marketplace.Purchasing.Features.Invoices;
using Marketplace.Purchasing.Features.Orders;
using Marketplace.Purchasing.Features.Schools;
using Marketplace.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("purchasing", bus =>
{
    bus.AddConsumer<KeepPublishedOfferConsumer>();
    bus.AddConsumer<StopSellingWithdrawnOfferConsumer>();
    bus.AddConsumer<StopSellingFromSuspendedProviderConsumer>();
    bus.AddConsumer<ResumeSellingFromReinstatedProviderConsumer>();
});
builder.Services.AddHostedService<DemoBuyersSeeder>();

var app = builder.Build();
app.MapServiceDefaults();
app.MapBudgetsApi();
app.MapOrdersApi();
app.MapInvoicesApi();
app.MapSchoolsApi();
app.Run();

public partial class Program;
