using Storefront;

// The production host: the store with real services only. The embedded default with simulators is src/Storefront.Sandbox.
var builder = WebApplication.CreateBuilder(args);
builder.AddStorefront();
var app = builder.Build();
await app.RunStorefrontAsync(args);

public partial class Program;
