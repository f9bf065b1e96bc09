using Marketplace.Catalogue.Consumers;
using Marketplace.Catalogue.Features.OpenReferral;
using Marketplace.Catalogue.Features.Search;
using Marketplace.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("catalogue", bus =>
{
    bus.AddConsumer<ShowPublishedOfferConsumer>();
    bus.AddConsumer<HideWithdrawnOfferConsumer>();
});
builder.Services.AddSingleton<CatalogueSearch>();

var app = builder.Build();
app.MapServiceDefaults();
app.MapSearchApi();
app.MapOrukApi();
app.Run();

public partial class Program;
