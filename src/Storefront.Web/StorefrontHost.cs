using Microsoft.Extensions.Options;
using Storefront.Data;
using Storefront.Email;
using Storefront.Features.Admin;
using Storefront.Infrastructure;
using Storefront.Jobs;
using Storefront.Payments;
using Storefront.Providers;

namespace Storefront;

/// <summary>
/// The composition root: the one place that knows every part of the store. The production host (Program.cs) and the
/// sandbox host (src/Storefront.Sandbox) both build the store through it.
/// </summary>
public static class StorefrontHost
{
    /// <summary>
    /// Logging, the database, Stripe, the provider named by Provider:Name, email, background jobs, the web host and
    /// every feature slice. The sandbox host calls AddSandbox first; here nothing is simulated.
    /// </summary>
    public static WebApplicationBuilder AddStorefront(this WebApplicationBuilder builder)
    {
        builder.AddStorefrontLogging();
        var sandbox = SandboxMode.Of(builder);
        builder.AddStorefrontData();
        builder.Services.AddStripePayments(builder.Configuration).AddScoped<PaymentSessions>().AddSingleton<PayingBrowser>();
        builder.AddUpstreamProvider();
        builder.AddEmail(sandbox);
        builder.AddBackgroundJobs();
        builder.AddStorefrontWeb();
        builder.AddSlices();
        return builder;
    }

    /// <summary>
    /// Migrates the database; then either runs a command line (<c>admin create …</c>, see StaffAccounts) and exits, or
    /// prepares each slice, sets up the pipeline and endpoints (<paramref name="map"/> adds more) and serves.
    /// </summary>
    public static async Task RunStorefrontAsync(this WebApplication app, string[] args, Action<WebApplication>? map = null)
    {
        await app.MigrateDatabaseAsync();
        if (await app.RunStaffCommandAsync(args)) return;
        var slices = app.Services.GetServices<IStoreSlice>().ToList();
        foreach (var slice in slices) await slice.PrepareAsync(app);
        app.UseStorefront();
        foreach (var slice in slices) slice.Map(app);
        map?.Invoke(app);
        await app.RunAsync();
    }

    /// <summary>The one upstream provider named by Provider:Name (<see cref="ProviderModules"/>).</summary>
    private static void AddUpstreamProvider(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ProviderOptions>().Bind(builder.Configuration.GetSection(ProviderOptions.Section))
            .ValidateDataAnnotations()
            .Validate(o => ProviderModules.Find(o.Name) is not null, ProviderOptions.UnknownName)
            .ValidateOnStart();
        var name = builder.Configuration[$"{ProviderOptions.Section}:Name"] ?? "citrus";
        var module = ProviderModules.Find(name)
            ?? throw new OptionsValidationException(ProviderOptions.Section, typeof(ProviderOptions), [$"{ProviderOptions.UnknownName} '{name}' is not."]);
        module.AddTo(builder.Services, builder.Configuration);
    }

    /// <summary>Every <see cref="IStoreSlice"/>, <see cref="IWorkHandler"/> and <see cref="IRecurringWork"/> of this assembly.</summary>
    private static void AddSlices(this WebApplicationBuilder builder)
    {
        var types = typeof(StorefrontHost).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }).ToList();
        foreach (var type in types.Where(typeof(IStoreSlice).IsAssignableFrom))
        {
            var slice = (IStoreSlice)Activator.CreateInstance(type)!;
            slice.AddTo(builder);
            builder.Services.AddSingleton(slice);
        }
        foreach (var handler in types.Where(typeof(IWorkHandler).IsAssignableFrom))
            builder.Services.AddScoped(typeof(IWorkHandler), handler);
        foreach (var work in types.Where(typeof(IRecurringWork).IsAssignableFrom))
        {
            builder.Services.AddScoped(work);
            builder.Services.AddScoped(typeof(IRecurringWork), sp => sp.GetRequiredService(work));
        }
    }
}
