using Storefront.Infrastructure;

namespace Storefront.Features.Checkout;

internal sealed class CheckoutSlice : IStoreSlice
{
    public void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<StartCheckout>();
        services.AddScoped<PaymentSessions>();
        services.AddScoped<PaymentConfirmation>();
        services.AddSingleton<PayingBrowser>();
    }
}
