using Marketplace.Catalogue.Consumers;
using Marketplace.Catalogue.Demo;
using Marketplace.Catalogue.Features.Import;
using Marketplace.Catalogue.Features.Information;
using Marketplace.Catalogue.Features.OpenReferral;
using Marketplace.Catalogue.Features.Postcodes;
using Marketplace.Catalogue.Features.Search;
using Marketplace.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("catalogue", bus =>
{
    bus.AddConsumer<ShowPublishedOfferConsumer>();
    bus.AddConsumer<HideWithdrawnOfferConsumer>();
    bus.AddConsumer<HideOffersOfSuspendedProviderConsumer>();
    bus.AddConsumer<RestoreOffersOfReinstatedProviderConsumer>();
});
builder.Services.AddSingleton<SearchCache>();
builder.Services.Configure<SearchCacheWarmerOptions>(builder.Configuration.GetSection("Search:Warming"));
builder.Services.AddHostedService<SearchCacheWarmer>();            // after a change, the most asked searches are computed again
builder.Services.AddSingleton<CatalogueSearch>();
builder.Services.AddSingleton<SearchDemand>();
builder.Services.AddSingleton<PostcodeLookup>();
builder.Services.AddSingleton<InformationPages>();
builder.Services.AddSingleton<OrukImport>();
builder.Services.AddHostedService<DemoInformationPagesSeeder>();

var app = builder.Build();
app.MapServiceDefaults();
app.MapSearchApi();
app.MapOrukApi();
app.MapInformationApi();
app.MapImportApi();
app.MapPostcodesApi();
app.Run();

public partial class Program;
