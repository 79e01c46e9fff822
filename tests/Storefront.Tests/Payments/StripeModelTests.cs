using System.Text.Json;
using Storefront.Payments;

namespace Storefront.Tests.Payments;

public class StripeModelTests
{
    [Fact]
    public void Payment_intent_reads_as_an_id_or_as_the_expanded_object()
    {
        var asId = JsonSerializer.Deserialize<CheckoutSession>("""{"id":"cs_1","payment_intent":"pi_1"}""", StripeJson.Options)!;
        var expanded = JsonSerializer.Deserialize<CheckoutSession>(
            """{"id":"cs_1","payment_intent":{"id":"pi_1","object":"payment_intent","status":"succeeded","amount":500}}""", StripeJson.Options)!;

        Assert.Equal("pi_1", asId.PaymentIntent!.Id);
        Assert.Null(asId.PaymentIntent.Expanded);
        Assert.Equal("pi_1", expanded.PaymentIntent!.Id);
        Assert.Equal(PaymentIntentStatus.Succeeded, expanded.PaymentIntent.Expanded!.Status);
    }

    [Fact]
    public void Unknown_fields_and_enum_values_are_tolerated()
    {
        var session = JsonSerializer.Deserialize<CheckoutSession>(
            """{"id":"cs_1","status":"something_new","payment_status":"paid","brand_new_field":{"x":1},"created":1700000000,"payment_intent":null}""",
            StripeJson.Options)!;

        Assert.Equal(CheckoutSessionStatus.Unknown, session.Status);
        Assert.Equal(CheckoutPaymentStatus.Paid, session.PaymentStatus);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), session.Created);
        Assert.Null(session.PaymentIntent);
    }

    [Fact]
    public void Event_data_object_reads_as_the_resource_it_carries()
    {
        var evt = StripeEvent.Parse("""
            {"id":"evt_1","object":"event","type":"charge.refunded","created":1700000000,"api_version":"2026-10-28.endive",
             "request":{"id":null,"idempotency_key":null},
             "data":{"object":{"id":"ch_1","object":"charge","amount":1000,"amount_refunded":400,"refunded":false,"status":"succeeded"},
                     "previous_attributes":{"amount_refunded":0}}}
            """u8);

        var charge = evt.DataObject<Charge>();
        Assert.Equal(StripeEventTypes.ChargeRefunded, evt.Type);
        Assert.Null(evt.Request!.Id);
        Assert.Equal(400, charge.AmountRefunded);
        Assert.Equal(0, evt.Data.PreviousAttributes!.Value.GetProperty("amount_refunded").GetInt64());
    }
}
