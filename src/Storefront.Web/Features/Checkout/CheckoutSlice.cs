using Storefront.Infrastructure;

namespace Storefront.Features.Checkout;

internal sealed class CheckoutSlice : IStoreSlice
{
    public void AddTo(IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<StartCheckout>();
        services.AddScoped<PaymentConfirmation>();
    }
}
