using Marketplace.ServiceDefaults;

// The purchasing service's features arrive with their own issues; it already owns its database, migrations,
// outbox relay, inbox and scheduler through the service defaults.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("purchasing");

var app = builder.Build();
app.MapServiceDefaults();
app.Run();

public partial class Program;
