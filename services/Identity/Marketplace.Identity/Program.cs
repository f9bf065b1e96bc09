using Marketplace.Identity;
using Marketplace.Identity.Consumers;
using Marketplace.Identity.Tokens;
using Marketplace.ServiceDefaults;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("identity", bus => bus.AddConsumer<LinkProviderOwnerConsumer>());
builder.AddIdentityService();

var app = builder.Build();
app.MapServiceDefaults();
app.MapTokenApi();
app.Run();

public partial class Program;
