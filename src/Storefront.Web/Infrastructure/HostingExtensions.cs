using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Mvc;
using Storefront.Email;
using Storefront.Features.Catalog;
using Storefront.Features.Checkout;
using Storefront.Features.Install;
using Storefront.Features.Orders;
using Storefront.Jobs;

namespace Storefront.Infrastructure;

public static class HostingExtensions
{
    /// <summary>MVC with views by feature (Features/&lt;Area&gt;/View.cshtml), options validated at start, and the
    /// services the features use.</summary>
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
            });
        builder.AddRateLimits();
        services.AddMemoryCache();
        services.AddOutputCache(o => o.AddPolicy(CatalogController.CachePolicy,
            b => b.Expire(TimeSpan.FromMinutes(1)).Tag(CatalogController.CachePolicy).SetVaryByQuery("q", "cancelled")));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<SelfAddress>();
        services.AddOptions<StoreOptions>().Bind(builder.Configuration.GetSection(StoreOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<BrandOptions>().Bind(builder.Configuration.GetSection(BrandOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<PricingOptions>().Bind(builder.Configuration.GetSection(PricingOptions.Section)).ValidateDataAnnotations()
            .Validate(o => o.PlanSizesGb.All(s => s > 0), "Pricing:PlanSizesGb must list positive sizes in GB.")
            .Validate(o => o.PaymentFeePercent is >= 0 and < 50, "Pricing:PaymentFeePercent must be between 0 and 50.")
            .ValidateOnStart();

        services.AddScoped<CatalogReader>();
        services.AddScoped<PricingCalculator>();
        services.AddScoped<CatalogSync>();
        services.AddSingleton<CatalogReadiness>();
        services.AddHealthChecks().AddCheck<CatalogReadyCheck>("catalogue", tags: ["ready"]);
        services.AddScoped<StartCheckout>();
        services.AddScoped<PaymentSessions>();
        services.AddSingleton<PayingBrowser>();
        services.AddScoped<Features.TopUps.TopUpCatalog>();
        services.AddScoped<PaymentConfirmation>();
        services.AddScoped<OrderViewBuilder>();
        services.AddScoped<OrderEmails>();
        services.AddSingleton<ActivationCodeProtector>();
        services.AddScoped<IWorkHandler, ConfirmCheckoutHandler>();
        services.AddScoped<IWorkHandler, ExpireCheckoutHandler>();
        services.AddScoped<IWorkHandler, ProvisionOrderHandler>();
        services.AddScoped<IWorkHandler, SendDeliveryEmailHandler>();
        services.AddScoped<IWorkHandler, SendAttentionEmailsHandler>();
        services.AddScoped<IWorkHandler, SendLowBalanceEmailHandler>();
        services.AddScoped<IWorkHandler, ProviderEventHandler>();
        services.AddScoped<IWorkHandler, SendOrderLinksHandler>();
        services.AddScoped<IWorkHandler, RefundUndeliverableHandler>();
        services.AddScoped<IWorkHandler, SendRefundEmailHandler>();
        services.AddScoped<IWorkHandler, Providers.SendWebhookRegistrationAlertHandler>();
        services.AddScoped<EsimReadings>();
        services.AddSingleton<UpstreamBalance>();
        services.AddScoped<Features.Webhooks.WebhookInbox>();
        services.AddScoped<Providers.WebhookSecrets>();
        services.AddHostedService<Providers.ProviderWebhookRegistration>();
        return builder;
    }

    public static WebApplicationBuilder AddEmail(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<SmtpOptions>().Bind(builder.Configuration.GetSection(SmtpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<IEmailSender, SmtpEmailSender>();
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
        app.UseRateLimiter();
        app.UseOutputCache();
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/healthz/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        app.MapControllers();
        return app;
    }
}
