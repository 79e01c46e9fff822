using Storefront.Data;
using Storefront.Features.Admin;
using Storefront.Infrastructure;
using Storefront.Jobs;
using Storefront.Sandbox;

var builder = WebApplication.CreateBuilder(args);
builder.AddStorefrontLogging();
builder.AddSandbox();
builder.AddStorefrontData();
builder.AddPayments();
builder.AddUpstreamProvider();
builder.AddEmail();
builder.AddBackgroundJobs();
builder.AddStorefrontWeb();
builder.AddAdminArea();

var app = builder.Build();
await app.MigrateDatabaseAsync();
if (await app.RunStaffCommandAsync(args)) return; // `admin create …` (Features/Admin/StaffAccounts.cs)
await app.PrepareAdminAsync();
app.UseStorefront();
app.MapSandbox();
app.MapJobsDashboard();
await app.RunAsync();

public partial class Program;
