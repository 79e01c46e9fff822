using Storefront.Domain;

namespace Storefront.Payments;

public abstract record CheckoutOutcome
{
    public sealed record RedirectToPayment(string Url, Order Order) : CheckoutOutcome;
    public sealed record Invalid(string Field, string Message) : CheckoutOutcome;
    public sealed record PaymentUnavailable(string Message) : CheckoutOutcome;
    public sealed record SalesPaused(string Message) : CheckoutOutcome;
}
