using System.Text;
using Storefront.Providers.Esimfly;
using Storefront.Sandbox.Esimfly;

namespace Storefront.Tests.Providers.Esimfly;

/// <summary>
/// HMAC request signing (docs/providers/esimfly.md §1.2) and the simulator's auth pipeline
/// (docs/providers/esimfly.md §1.7).
/// </summary>
public class SignatureTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Theory]
    [InlineData("", "F0B625B05DD9B5D5402286987CE4A6D14AC52B0056D2A1592ABBB57BA5FC3BC4")]
    [InlineData("""{"packageCode":"PHAJHEAYP"}""", "FA2050B34D3C61025B991E8C82967BC583C02A92ED625D985F46DC7E25BFA934")]
    [InlineData("""{"iccid":"8943108170002570328","packageCode":"TOPUP_PXOO225PI"}""", "907C524C5BCC80422ECA59FF41411BADA4125E684B58A116A424FC156042ECAB")]
    public void Signature_matches_the_notes_test_vectors(string body, string expected)
    {
        var signature = EsimflySignature.Compute("sk_1111", "1628670421000", "4ce9d9cd-ac9e-4e17-b3a2-c66c358c1ce2", "esf_11111",
            Encoding.UTF8.GetBytes(body));

        Assert.Equal(expected, signature);
    }

    [Fact]
    public void Timestamp_is_unix_milliseconds()
    {
        Assert.Equal("1628670421000", EsimflySignature.Timestamp(DateTimeOffset.FromUnixTimeMilliseconds(1628670421000)));
    }

    [Fact]
    public async Task Signed_calls_are_accepted_and_every_request_id_is_used_once()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();

        for (var i = 0; i < 5; i++) await sandbox.Client.GetBalanceAsync(None);

        var requests = (await sandbox.StateAsync())["requests"]!;
        Assert.Equal((5, 0), ((int)requests["admitted"]!, (int)requests["refused_auth"]!));
    }

    [Fact]
    public async Task Wrong_secret_key_fails_with_invalid_signature()
    {
        await using var sandbox = await EsimflySandbox.StartAsync(client: o => o.SecretKey = "sk_not_the_right_one");

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.Client.GetBalanceAsync(None));

        Assert.Equal((401, EsimflyErrorCodes.InvalidSignature), (error.HttpStatus, error.Code));
        Assert.False(error.Retryable);
        Assert.Equal("esimfly", error.Provider);
    }

    [Fact]
    public async Task Unknown_access_code_fails_with_invalid_api_key()
    {
        await using var sandbox = await EsimflySandbox.StartAsync(client: o => o.AccessCode = "esf_someone_else");

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.Client.GetBalanceAsync(None));

        Assert.Equal((401, EsimflyErrorCodes.InvalidApiKey), (error.HttpStatus, error.Code));
    }

    [Fact]
    public async Task A_client_clock_six_minutes_slow_fails_with_invalid_timestamp()
    {
        await using var sandbox = await EsimflySandbox.StartAsync(clientTime: new SkewedTime(TimeSpan.FromMinutes(-6)));

        var error = await Assert.ThrowsAsync<EsimflyApiException>(() => sandbox.Client.GetBalanceAsync(None));

        Assert.Equal((401, EsimflyErrorCodes.InvalidTimestamp), (error.HttpStatus, error.Code));
        Assert.False(error.Retryable);
    }

    [Fact]
    public async Task A_client_clock_four_minutes_off_is_still_accepted()
    {
        await using var sandbox = await EsimflySandbox.StartAsync(clientTime: new SkewedTime(TimeSpan.FromMinutes(4)));

        Assert.Equal(500m, (await sandbox.Client.GetBalanceAsync(None)).Balance);
    }

    [Fact]
    public async Task Reused_request_id_is_refused_with_duplicate_request()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var requestId = Guid.NewGuid().ToString();

        var first = await sandbox.RawAsync(HttpMethod.Get, "balance", requestId: requestId);
        var second = await sandbox.RawAsync(HttpMethod.Get, "balance", requestId: requestId);

        Assert.Equal(200, first.Status);
        Assert.Equal(400, second.Status);
        Assert.Equal(EsimflyErrorCodes.DuplicateRequest, (string?)second.Body!["code"]);
        Assert.False((bool)second.Body["success"]!);
    }

    [Fact]
    public async Task Request_id_that_is_not_a_uuid_v4_is_refused()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();

        var answer = await sandbox.RawAsync(HttpMethod.Get, "balance", requestId: "4ce9d9cdac9e4e17b3a2c66c358c1ce2");

        Assert.Equal((400, EsimflyErrorCodes.InvalidRequestId), (answer.Status, (string?)answer.Body!["code"]));
    }

    [Fact]
    public async Task Access_code_without_the_other_headers_fails_with_hmac_required()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        using var http = new HttpClient { BaseAddress = sandbox.ApiBase };
        http.DefaultRequestHeaders.Add(EsimflySignature.AccessCodeHeader, EsimflySimulatorOptions.DefaultAccessCode);

        using var response = await http.GetAsync("balance");
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        Assert.Equal(401, (int)response.StatusCode);
        Assert.Equal(EsimflyErrorCodes.HmacRequired, (string?)body["code"]);
    }

    [Fact]
    public async Task No_auth_headers_at_all_fails_with_authentication_required()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();

        var answer = await sandbox.RawAsync(HttpMethod.Get, "balance", sign: false);

        Assert.Equal(401, answer.Status);
        Assert.Equal("Authentication required", (string?)answer.Body!["error"]);
    }

    [Fact]
    public async Task A_body_changed_after_signing_fails_with_invalid_signature()
    {
        await using var sandbox = await EsimflySandbox.StartAsync();
        var requestId = Guid.NewGuid().ToString();
        var timestamp = EsimflySignature.Timestamp(DateTimeOffset.UtcNow);
        var signedFor = EsimflySignature.Compute(EsimflySimulatorOptions.DefaultSecretKey, timestamp, requestId,
            EsimflySimulatorOptions.DefaultAccessCode, Encoding.UTF8.GetBytes("""{"packageCode":"PHAJHEAYP"}"""));

        var answer = await sandbox.RawAsync(HttpMethod.Post, "esims/order", """{"packageCode": "PHAJHEAYP"}""", requestId, timestamp, signedFor);

        Assert.Equal((401, EsimflyErrorCodes.InvalidSignature), (answer.Status, (string?)answer.Body!["code"]));
        Assert.Equal(0, await sandbox.OrderCountAsync());
    }

    [Fact]
    public async Task Lower_case_signature_is_accepted_by_default_and_refused_in_strict_mode()
    {
        await using var lenient = await EsimflySandbox.StartAsync();
        await using var strict = await EsimflySandbox.StartAsync(o => o.StrictSignatureCase = true);

        async Task<int> LowerCase(EsimflySandbox sandbox)
        {
            var requestId = Guid.NewGuid().ToString();
            var timestamp = EsimflySignature.Timestamp(DateTimeOffset.UtcNow);
            var signature = EsimflySignature.Compute(EsimflySimulatorOptions.DefaultSecretKey, timestamp, requestId,
                EsimflySimulatorOptions.DefaultAccessCode, []).ToLowerInvariant();
            return (await sandbox.RawAsync(HttpMethod.Get, "balance", null, requestId, timestamp, signature)).Status;
        }

        Assert.Equal(200, await LowerCase(lenient));
        Assert.Equal(401, await LowerCase(strict));
        Assert.Equal(500m, (await strict.Client.GetBalanceAsync(None)).Balance);
    }
}
