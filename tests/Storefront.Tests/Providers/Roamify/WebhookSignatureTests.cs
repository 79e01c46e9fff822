using System.Text;
using Microsoft.Extensions.Options;
using Storefront.Providers;
using Storefront.Providers.Roamify;

namespace Storefront.Tests.Providers.Roamify;

public class WebhookSignatureTests
{
    private const string Secret = "roamify_webhook_secret";

    /// <summary>The test vector of docs/providers/roamify.md §2.4 (computed with the documented scheme).</summary>
    private static readonly byte[] StatusBody = Encoding.UTF8.GetBytes(
        """{"event_category":"esim","event_type":"status","data":{"timestamp":1700000000,"iccid":"8991234567890123456","esim_id":"c2a9cdae-430e-4251-bf65-a84df4562ed9","reference_id":"ref_1234567890","start":1699996800,"end":1700000400,"status":"ACTIVATED"}}""");
    private const string StatusSignature = "f5615c16a448fdc8efb1813f2c0d6ddcccba759597e2072709c37e3111016744";

    private static readonly RoamifyProvider Provider = new(null!, Options.Create(new RoamifyOptions { WebhookSecret = Secret }), TimeProvider.System);

    private static Dictionary<string, string> Headers(string signature) => new() { ["x-roamify-signature"] = signature };

    [Fact]
    public void The_documented_test_vector_verifies()
    {
        Assert.Equal(StatusSignature, RoamifyWebhook.Sign(StatusBody, Secret));
        Assert.True(RoamifyWebhook.IsSignatureValid(StatusSignature, StatusBody, Secret));
    }

    [Fact]
    public void Uppercase_hex_is_accepted() =>
        Assert.True(RoamifyWebhook.IsSignatureValid(StatusSignature.ToUpperInvariant(), StatusBody, Secret));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-hex")]
    [InlineData("sha256=f5615c16a448fdc8efb1813f2c0d6ddcccba759597e2072709c37e3111016744")]
    public void Missing_or_malformed_signatures_are_rejected(string? header) =>
        Assert.False(RoamifyWebhook.IsSignatureValid(header, StatusBody, Secret));

    [Fact]
    public void A_signature_made_with_another_secret_is_rejected() =>
        Assert.False(RoamifyWebhook.IsSignatureValid(RoamifyWebhook.Sign(StatusBody, "other_secret"), StatusBody, Secret));

    [Fact]
    public void A_changed_body_is_rejected()
    {
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(StatusBody).Replace("ACTIVATED", "EXPIRED"));

        Assert.Null(Provider.ParseWebhook(Headers(StatusSignature), tampered, null));
    }

    [Fact]
    public void An_activation_status_event_is_parsed_with_the_configured_secret()
    {
        var parsed = Provider.ParseWebhook(Headers(StatusSignature), StatusBody, null);

        Assert.NotNull(parsed);
        Assert.Equal((ProviderEventKind.Activated, "esim.status", "8991234567890123456"), (parsed.Kind, parsed.Type, parsed.Iccid));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1700000000), parsed.At);
        Assert.Matches("^rmf_[0-9a-f]{32}$", parsed.Id);
        Assert.Equal(parsed.Id, Provider.ParseWebhook(Headers(StatusSignature), StatusBody, null)!.Id);
    }

    [Fact]
    public void A_secret_given_by_the_caller_takes_precedence()
    {
        Assert.Null(Provider.ParseWebhook(Headers(StatusSignature), StatusBody, "another_secret"));
        Assert.NotNull(Provider.ParseWebhook(Headers(StatusSignature), StatusBody, Secret));
    }

    [Theory]
    [InlineData("usage", 1024, 0, ProviderEventKind.Depleted)]
    [InlineData("usage", 1024, 200, ProviderEventKind.BalanceLow)]
    [InlineData("usage", 1024, 700, ProviderEventKind.Other)]
    [InlineData("esim_usage", 1024, 0, ProviderEventKind.Depleted)]
    public void Usage_events_say_low_at_a_quarter_left_and_depleted_at_nothing_left(string type, int allowed, int remaining, ProviderEventKind kind)
    {
        var usage = $$"""{"isUnlimited":false,"allowed_data":{{allowed}},"remaining_data":{{remaining}}}""";
        var body = Encoding.UTF8.GetBytes($$"""{"event_category":"esim","event_type":"{{type}}","data":{"timestamp":1700000000,"iccid":"8940001","status":"ACTIVATED","usage_data":""" + usage + "}}");

        var parsed = Provider.ParseWebhook(Headers(RoamifyWebhook.Sign(body, Secret)), body, null);

        Assert.Equal((kind, "esim.usage"), (parsed!.Kind, parsed.Type));
    }

    [Theory]
    [InlineData("EXPIRED", ProviderEventKind.Expired)]
    [InlineData("INSTALLED", ProviderEventKind.Other)]
    public void Other_statuses_map_to_their_kinds(string status, ProviderEventKind kind)
    {
        var body = Encoding.UTF8.GetBytes($$$"""{"event_category":"esim","event_type":"esim_status","data":{"iccid":"8940001","status":"{{{status}}}"}}""");

        Assert.Equal(kind, Provider.ParseWebhook(Headers(RoamifyWebhook.Sign(body, Secret)), body, null)!.Kind);
    }

    [Theory]
    [InlineData("low_balance", ProviderEventKind.ResellerBalanceLow)]
    [InlineData("insufficient_balance", ProviderEventKind.ResellerBalanceLow)]
    [InlineData("top_up", ProviderEventKind.Other)]
    public void Partner_events_carry_the_reseller_balance(string type, ProviderEventKind kind)
    {
        var body = Encoding.UTF8.GetBytes($$$"""{"event_category":"partner","event_type":"{{{type}}}","data":{"timestamp":1700000000,"balance":42.5,"threshold":100,"threshold_percentage":50,"currency":"USD"}}""");

        var parsed = Provider.ParseWebhook(Headers(RoamifyWebhook.Sign(body, Secret)), body, null);

        Assert.Equal((kind, "partner." + type, 42.5m, (string?)null), (parsed!.Kind, parsed.Type, parsed.ResellerBalanceUsd, parsed.Iccid));
    }
}
