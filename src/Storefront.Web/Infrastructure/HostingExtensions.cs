using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationParts;

namespace Storefront.Infrastructure;

public static class HostingExtensions
{
    /// <summary>MVC with views by feature (Features/&lt;Slice&gt;/View.cshtml), the store's options validated at start,
    /// rate limits and caches; each slice adds its own services (<see cref="IStoreSlice"/>).</summary>
    public static WebApplicationBuilder AddStorefrontWeb(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddControllersWithViews(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.RefuseMalformedInput();
            })
            .AddRazorOptions(o =>
            {
                o.ViewLocationFormats.Clear();
                o.ViewLocationFormats.Add("/Features/{feature}/{0}.cshtml");
                o.ViewLocationFormats.Add("/Features/Shared/{0}.cshtml");
                o.ViewLocationExpanders.Add(new FeatureViewLocations());
            })
            .ConfigureApplicationPartManager(parts =>
            {
                // The sandbox host's entry assembly is not this one; the store's controllers and views are here.
                var web = typeof(HostingExtensions).Assembly;
                if (parts.ApplicationParts.All(p => p.Name != web.GetName().Name))
                    foreach (var part in ApplicationPartFactory.GetApplicationPartFactory(web).GetApplicationParts(web))
                        parts.ApplicationParts.Add(part);
            });
        builder.AddRateLimits();
        services.AddMemoryCache();
        services.AddOutputCache();
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SelfAddress>();
        services.AddOptions<StoreOptions>().Bind(builder.Configuration.GetSection(StoreOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BrandOptions>().Bind(builder.Configuration.GetSection(BrandOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PricingOptions>().Bind(builder.Configuration.GetSection(PricingOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.PlanSizesGb.All(s => s > 0), "Pricing:PlanSizesGb must list positive sizes in GB.")
            .Validate(o => o.PaymentFeePercent is >= 0 and < 50, "Pricing:PaymentFeePercent must be between 0 and 50.")
            .ValidateOnStart();
        return builder;
    }

    public static WebApplication UseStorefront(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseRequestLogging();
        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler("/error");
        if (!app.Environment.RunsOnPlainHttp())
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseMalformedRequestsAsBadRequest();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseOutputCache();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapControllers();
        return app;
    }
}
