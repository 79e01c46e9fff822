using Storefront.Data;
using Storefront.Infrastructure;
using Storefront.Jobs;
using Storefront.Sandbox;

var builder = WebApplication.CreateBuilder(args);
builder.AddStorefrontLogging();
builder.AddSandbox();
builder.AddStorefrontData();
builder.AddPayments();
builder.AddUpstreamProvider();
builder.AddUpstreamPacing();
builder.AddEmail();
builder.AddBackgroundJobs();
builder.AddStorefrontWeb();

var app = builder.Build();
await app.MigrateDatabaseAsync();
app.UseStorefront();
app.MapSandbox();
app.MapJobsDashboard();
await app.RunAsync();

public partial class Program;
