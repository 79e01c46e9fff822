using System.Globalization;
using Storefront.Payments;

namespace Storefront.Tests.Payments;

public class StripeFormTests
{
    [Fact]
    public void Checkout_session_request_encodes_like_the_official_node_library()
    {
        var request = new CreateCheckoutSessionRequest
        {
            LineItems = [new CheckoutLineItem("T-shirt & cap", "usd", 1999, 2)],
            SuccessUrl = "https://example.com/ok?session_id={CHECKOUT_SESSION_ID}",
            CancelUrl = "https://example.com/cart",
            Metadata = new Dictionary<string, string> { ["order_id"] = "42" },
            PaymentIntentMetadata = new Dictionary<string, string> { ["order_id"] = "42" },
            ExpiresAt = DateTimeOffset.FromUnixTimeSeconds(1700003600),
        };

        // The wire body stripe-node 23.1.0 sent for the same parameters (stripe.md §1.3), in this client's order.
        Assert.Equal(
            "mode=payment"
            + "&line_items[0][price_data][currency]=usd&line_items[0][price_data][unit_amount]=1999"
            + "&line_items[0][price_data][product_data][name]=T-shirt%20%26%20cap&line_items[0][quantity]=2"
            + "&success_url=https%3A%2F%2Fexample.com%2Fok%3Fsession_id%3D%7BCHECKOUT_SESSION_ID%7D"
            + "&cancel_url=https%3A%2F%2Fexample.com%2Fcart"
            + "&metadata[order_id]=42&payment_intent_data[metadata][order_id]=42&expires_at=1700003600",
            request.ToForm().Encode());
    }

    [Fact]
    public void Numbers_booleans_and_dates_do_not_depend_on_the_current_culture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var form = new StripeForm()
                .Add("amount", 1234567L)
                .Add("flag", true)
                .Add("other", false)
                .Add("at", new DateTimeOffset(2023, 11, 14, 22, 13, 20, TimeSpan.Zero));

            Assert.Equal("amount=1234567&flag=true&other=false&at=1700000000", form.Encode());
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public void Lists_are_indexed_and_nulls_are_left_out()
    {
        var form = new StripeForm()
            .AddList("expand", ["payment_intent", "line_items"])
            .Add("description", (string?)null)
            .AddMap("metadata", new Dictionary<string, string> { ["a b"] = "x=y" });

        Assert.Equal("expand[0]=payment_intent&expand[1]=line_items&metadata[a%20b]=x%3Dy", form.Encode());
    }

    [Fact]
    public void Refund_request_sends_reason_in_snake_case()
    {
        var form = new CreateRefundRequest { PaymentIntent = "pi_1", Amount = 500, Reason = RefundReason.RequestedByCustomer }.ToForm();

        Assert.Equal("payment_intent=pi_1&amount=500&reason=requested_by_customer", form.Encode());
    }

    [Fact]
    public void Metadata_over_stripe_limits_is_refused_before_sending()
    {
        var tooLongKey = new Dictionary<string, string> { [new string('k', 41)] = "v" };

        Assert.Throws<ArgumentException>(() => StripeSandbox.ESimOrder(metadata: tooLongKey).ToForm());
    }
}
