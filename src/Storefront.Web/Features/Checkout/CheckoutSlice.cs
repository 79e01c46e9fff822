using Storefront.Infrastructure;

namespace Storefront.Features.Checkout;

internal sealed class CheckoutSlice : IStoreSlice
{
    public void AddTo(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddScoped<StartCheckout>();
        services.AddScoped<PaymentConfirmation>();
    }
}
