using Storefront.Payments;

namespace Storefront.Tests.Payments;

public class StripeWebhookSignatureTests
{
    // The test vector of stripe.md §3.3, produced by stripe-node 23.1.0's generateTestHeaderString.
    private const string Secret = "whsec_test_secret";
    private const string Payload = """{"id":"evt_test_webhook","object":"event"}""";
    private const string Signature = "d95c6b7477fbd7e9f90b1b0ef5f9c7ac25abca5382460e0d988c2b2a5b71b990";
    private static readonly DateTimeOffset Timestamp = DateTimeOffset.FromUnixTimeSeconds(1700000000);

    [Fact]
    public void Computed_header_matches_the_official_test_vector() =>
        Assert.Equal($"t=1700000000,v1={Signature}", StripeWebhookSignature.ComputeHeader(Payload, Secret, Timestamp));

    [Fact]
    public void Test_vector_verifies()
    {
        var result = StripeWebhookSignature.Verify(Payload, $"t=1700000000,v1={Signature}", Secret, Timestamp.AddSeconds(10));

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(Timestamp, result.Timestamp);
    }

    [Fact]
    public void Any_matching_v1_among_several_verifies_and_v0_is_ignored()
    {
        var result = StripeWebhookSignature.Verify(Payload, $"t=1700000000,v1=deadbeef,v1={Signature},v0=abc", Secret, Timestamp);

        Assert.True(result.IsValid, result.Reason);
    }

    [Fact]
    public void A_v0_signature_alone_is_not_enough()
    {
        var result = StripeWebhookSignature.Verify(Payload, $"t=1700000000,v0={Signature}", Secret, Timestamp);

        Assert.Equal(WebhookSignatureFailure.NoV1Signature, result.Failure);
    }

    [Fact]
    public void Appending_a_newline_to_the_body_fails()
    {
        var result = StripeWebhookSignature.Verify(Payload + "\n", $"t=1700000000,v1={Signature}", Secret, Timestamp);

        Assert.False(result.IsValid);
        Assert.Equal(WebhookSignatureFailure.SignatureMismatch, result.Failure);
    }

    [Fact]
    public void A_signature_301_seconds_old_fails()
    {
        var result = StripeWebhookSignature.Verify(Payload, $"t=1700000000,v1={Signature}", Secret, Timestamp.AddSeconds(301));

        Assert.Equal(WebhookSignatureFailure.TimestampTooOld, result.Failure);
    }

    [Fact]
    public void A_signature_300_seconds_old_still_verifies() =>
        Assert.True(StripeWebhookSignature.Verify(Payload, $"t=1700000000,v1={Signature}", Secret, Timestamp.AddSeconds(300)).IsValid);

    [Fact]
    public void A_signature_far_in_the_future_fails()
    {
        var result = StripeWebhookSignature.Verify(Payload, $"t=1700000000,v1={Signature}", Secret, Timestamp.AddSeconds(-301));

        Assert.Equal(WebhookSignatureFailure.TimestampInFuture, result.Failure);
    }

    [Theory]
    [InlineData(null, WebhookSignatureFailure.MissingHeader)]
    [InlineData("", WebhookSignatureFailure.MissingHeader)]
    [InlineData("v1=" + Signature, WebhookSignatureFailure.MalformedHeader)]
    [InlineData("t=1700000000", WebhookSignatureFailure.NoV1Signature)]
    [InlineData("t=1700000000,v1=not-hex", WebhookSignatureFailure.NoV1Signature)]
    public void Missing_or_malformed_headers_fail(string? header, WebhookSignatureFailure expected) =>
        Assert.Equal(expected, StripeWebhookSignature.Verify(Payload, header, Secret, Timestamp).Failure);

    [Fact]
    public void The_wrong_secret_fails() =>
        Assert.Equal(
            WebhookSignatureFailure.SignatureMismatch,
            StripeWebhookSignature.Verify(Payload, $"t=1700000000,v1={Signature}", "whsec_other", Timestamp).Failure);

    [Fact]
    public void A_header_signed_with_a_rolled_secret_verifies_with_either_secret()
    {
        var header = StripeWebhookSignature.ComputeHeader(Payload, "whsec_new", Timestamp, "whsec_old");

        Assert.True(StripeWebhookSignature.Verify(Payload, header, "whsec_new", Timestamp).IsValid);
        Assert.True(StripeWebhookSignature.Verify(Payload, header, "whsec_old", Timestamp).IsValid);
    }
}
