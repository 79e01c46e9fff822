using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Features.Webhooks;
using Storefront.Providers;
using Storefront.Providers.PressOne;
using Storefront.Providers.Roamify;
using Storefront.Sandbox;
using Storefront.Tests.Support;
using Stripe;
using Xunit.Abstractions;

namespace Storefront.Tests.BadInput;

/// <summary>
/// Seeded, bounded fuzzing over loopback of every public POST endpoint (read from the routing table, so a new one is
/// included) and the provider's webhook: each request carries at least one defect, so every answer must be a 4xx, and
/// nothing may be stored.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output)
{
    private const int Seed = 8;
    private const int RequestsPerEndpoint = 80;

    [Theory]
    [InlineData("citrus", TestDatabase.Sqlite)]
    [InlineData("citrus", TestDatabase.Postgres)]
    [InlineData("roamify", TestDatabase.Postgres)]
    [InlineData("pressone", TestDatabase.Postgres)]
    public async Task Malformed_requests_to_every_public_post_endpoint_get_a_4xx_and_store_nothing(string provider, TestDatabase database)
    {
        await using var store = await StoreFactory.StartAsync(database, settings: new Dictionary<string, string?> { ["Provider:Name"] = provider });
        using var shopper = new Shopper(store);
        var number = await shopper.BuyAsync("JP", gb: null);
        var token = (await store.OrderAsync(number)).AccessToken;
        var (sku, _) = await shopper.PickPlanAsync("JP", null);
        var form = await shopper.GetPageAsync($"/checkout?plan={Uri.EscapeDataString(sku)}");
        var antiforgery = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var providerSecret = await WebhookSecretAsync(store, provider);
        var stripeSecret = store.StripeWebhookSecret;
        var before = await SettledCountsAsync(store);

        var random = new Random(Seed);
        var fuzz = new Fuzzer(random, antiforgery, sku);
        var statuses = new SortedDictionary<string, int>();
        var failures = new List<string>();
        foreach (var path in PostPaths(store, token, provider))
        {
            for (var i = 0; i < RequestsPerEndpoint; i++)
            {
                var request = path switch
                {
                    "/webhooks/stripe" => fuzz.StripeEvent(stripeSecret),
                    _ when path.StartsWith("/webhooks/", StringComparison.Ordinal) => fuzz.ProviderEvent(provider, providerSecret),
                    _ => fuzz.Form(path.EndsWith("/top-up")),
                };
                var status = request.Truncated
                    ? await SendTruncatedAsync(store.ServerAddress, path, request)
                    : await SendAsync(shopper.Http, request.ToMessage(path));
                var key = status?.ToString() ?? "connection closed";
                if (status is null) output.WriteLine($"closed: {path} {request.Description}");
                statuses[key] = statuses.GetValueOrDefault(key) + 1;
                if (status is not (>= 400 and < 500) and not null) failures.Add($"{path} {request.Description}: {status}");
            }
        }

        var total = statuses.Values.Sum();
        output.WriteLine($"{provider} on {database}: {total} requests; " + string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}")));
        foreach (var failure in failures.Take(30)) output.WriteLine(failure);
        Assert.Empty(failures);
        Assert.DoesNotContain(store.Logs.Lines, l => l.Contains(" responded 5"));
        await store.WaitForDueWorkAsync();
        Assert.Equal(before, await CountStoredAsync(store));
    }

    /// <summary>Every POST route outside the sandbox's simulators, with its parameters filled in: the order page's real
    /// token (and an unknown one), and each provider name for the webhook route.</summary>
    private static IEnumerable<string> PostPaths(StoreFactory store, string token, string provider)
    {
        var routes = store.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Contains("POST") == true)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Where(p => !p.StartsWith("/sandbox", StringComparison.Ordinal))
            .Distinct().Order().ToList();
        Assert.Contains("/checkout", routes);
        Assert.Contains("/orders/find", routes);
        foreach (var route in routes)
        {
            if (route.Contains("{token"))
            {
                yield return Fill(route, token);
                yield return Fill(route, new string('A', 43));
            }
            else if (route.Contains("{name}"))
            {
                yield return route.Replace("{name}", provider);
                yield return route.Replace("{name}", provider == "citrus" ? "roamify" : "citrus");
            }
            else if (!route.Contains('{'))
                yield return route;
            else
                yield return System.Text.RegularExpressions.Regex.Replace(route, "{[^}]+}", "x");
        }

        static string Fill(string route, string value) => System.Text.RegularExpressions.Regex.Replace(route, "{token[^}]*}", value);
    }

    private static async Task<string> WebhookSecretAsync(StoreFactory store, string provider)
    {
        string? secret = null;
        await store.WaitUntilAsync(async db =>
        {
            await using var scope = store.Services.CreateAsyncScope();
            secret = await scope.ServiceProvider.GetRequiredService<WebhookSecrets>().GetAsync(provider, CancellationToken.None);
            if (secret is null && provider == "roamify")
                secret = scope.ServiceProvider.GetRequiredService<Microsoft.Extensions.Options.IOptions<RoamifyOptions>>().Value.WebhookSecret;
            return !string.IsNullOrEmpty(secret);
        }, $"the {provider} webhook secret");
        return secret!;
    }

    /// <summary>The counts once the purchase's own webhooks (the simulators deliver and retry them for a few seconds)
    /// have stopped arriving, so that only what the fuzzing stores can change them.</summary>
    private static async Task<(int Orders, int InboxEvents, int WorkItems)> SettledCountsAsync(StoreFactory store)
    {
        var counts = await CountStoredAsync(store);
        while (true)
        {
            await Task.Delay(TimeSpan.FromSeconds(3));
            await store.WaitForDueWorkAsync();
            var again = await CountStoredAsync(store);
            if (again == counts) return counts;
            counts = again;
        }
    }

    private static Task<(int Orders, int InboxEvents, int WorkItems)> CountStoredAsync(StoreFactory store) =>
        store.WithDbAsync(async db => (await db.Orders.CountAsync(), await db.InboxEvents.CountAsync(), await db.WorkItems.CountAsync()));

    /// <summary>The status, or null when the server closed the connection without one (Kestrel does that when it
    /// refuses a body still being sent; the server's own log is checked for 5xx separately).</summary>
    private static async Task<int?> SendAsync(HttpClient http, HttpRequestMessage message)
    {
        try { return (int)(await http.SendAsync(message)).StatusCode; }
        catch (HttpRequestException) { return null; }
    }

    /// <summary>Announces a longer body than it sends, then closes its side: the body ends early.</summary>
    private static async Task<int?> SendTruncatedAsync(Uri server, string path, FuzzRequest request)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(server.Host, server.Port);
        var stream = tcp.GetStream();
        var head = $"POST {path} HTTP/1.1\r\nHost: {server.Authority}\r\nContent-Type: {request.ContentType}\r\nContent-Length: {request.Body.Length + 1000}\r\n"
                   + string.Concat(request.Headers.Select(h => $"{h.Key}: {h.Value}\r\n")) + "\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        await stream.WriteAsync(request.Body);
        tcp.Client.Shutdown(SocketShutdown.Send);
        var buffer = new byte[64];
        var read = 0;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (read < 12)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(read), timeout.Token);
                if (n == 0) break;
                read += n;
            }
        }
        catch (IOException) { }
        var statusLine = Encoding.ASCII.GetString(buffer, 0, read);
        return statusLine.StartsWith("HTTP/1.1 ") && int.TryParse(statusLine.AsSpan(9, 3), out var status) ? status : null;
    }
}

internal sealed record FuzzRequest(string Description, string ContentType, byte[] Body, Dictionary<string, string> Headers, bool Truncated)
{
    public HttpRequestMessage ToMessage(string path)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Body) };
        if (ContentType.Length > 0) message.Content.Headers.TryAddWithoutValidation("Content-Type", ContentType);
        foreach (var (name, value) in Headers) message.Headers.TryAddWithoutValidation(name, value);
        return message;
    }
}

/// <summary>Makes requests that each carry at least one defect, from a seeded <see cref="Random"/>.</summary>
internal sealed class Fuzzer(Random random, string antiforgery, string sku)
{
    private const string FormType = "application/x-www-form-urlencoded";

    private static readonly string[] BadEmails =
        ["", "maria@", "@example.com", "maria..garcia@example.com", "maria garcia@example.com", "maría@example.com", "maria@example",
         ".maria@example.com", "maria.@example.com", "maria@example.com.", "maria@-example.com", "maria\0@example.com", "\"maria\"@example.com",
         "Maria <maria@example.com>", new string('m', 65) + "@example.com", "m@" + new string('e', 250) + ".com", "maria@exam_ple.com"];

    private static readonly string[] OddValues =
        ["", "\0", "a\0b", "\u0001\u001f", "%", "%zz", "%FF%FE", "\uFFFD", "\ud800", "1e400", "NaN", "-0", "99999999999999999999999999999",
         "9999-99-99", "<script>", "' OR 1=1 --", "[", "]", "{", new string('x', 5000)];

    private static readonly string[] FormKeys =
        ["Plan", "ExpectedPrice", "Email", "ConfirmEmail", "Name", "TravelDate", "Option", "a[", "Email[", "Email]", "[", "]", "a[0", "a[b]c]",
         "Email.x", "Email[0]", "x\0", "", "__RequestVerificationToken"];

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    public FuzzRequest Form(bool topUp)
    {
        var fields = new List<(string Key, string Value)>();
        var withToken = random.Next(3) > 0;
        if (withToken) fields.Add(("__RequestVerificationToken", antiforgery));
        if (topUp)
        {
            fields.Add(("Option", Pick(OddValues)));
            fields.Add(("ExpectedPrice", Pick(OddValues)));
        }
        else
        {
            var email = Pick(BadEmails);
            fields.AddRange([("Plan", random.Next(4) == 0 ? Pick(OddValues) : sku), ("ExpectedPrice", Pick(OddValues)), ("Email", email),
                ("ConfirmEmail", email), ("Name", random.Next(2) == 0 ? "Maria Garcia" : Pick(OddValues))]);
        }
        for (var i = random.Next(4); i > 0; i--) fields.Add((Pick(FormKeys), Pick(OddValues)));
        var encoded = string.Join("&", fields.Select(f => Uri.EscapeDataString(f.Key) + "=" + Uri.EscapeDataString(f.Value)));

        switch (random.Next(10))
        {
            case 0: return Make("thousands of fields", FormType, encoded + string.Concat(Enumerable.Range(0, 3000).Select(i => $"&f{i}=1")));
            case 1: return Make("raw brackets and bytes", FormType, Bytes(encoded + "&a[=1&Email[=x&%FF%FE=%C3%28"), truncated: random.Next(4) == 0);
            case 2: return Make("multipart with a bad body", "multipart/form-data; boundary=fuzz", Pick(MultipartBodies)(encoded));
            case 3: return Make("multipart without a boundary", "multipart/form-data", encoded);
            case 4: return Make("wrong content type", Pick(WrongTypes), encoded);
            case 5: return Make("huge value", FormType, encoded + "&Name=" + new string('n', random.Next(2) == 0 ? 5_000_000 : 200_000));
            case 6: return Make("invalid UTF-8", FormType, [.. Bytes(encoded + "&Name="), 0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80]);
            case 7: return Make("truncated", FormType, encoded, truncated: true);
            default: return Make("odd fields", FormType, encoded);
        }
    }

    private static readonly string[] WrongTypes =
        ["", "application/json", "text/plain", "application/xml", "application/x-www-form-urlencoded; charset=bogus", "multipart/mixed", "image/png", "*/*", "\0"];

    private static readonly Func<string, string>[] MultipartBodies =
    [
        _ => "garbage",
        form => "--fuzz\r\nContent-Disposition: form-data; name=\"Email\"\r\n\r\n" + form,
        _ => "--fuzz\r\nContent-Disposition: form-data\r\n\r\nx\r\n--fuzz--\r\n",
        _ => "--fuzz\r\n" + new string('h', 20_000) + ": x\r\n\r\nx\r\n--fuzz--\r\n",
        _ => string.Concat(Enumerable.Range(0, 300).Select(i => $"--fuzz\r\nContent-Disposition: form-data; name=\"f{i}\"\r\n\r\n1\r\n")) + "--fuzz--\r\n",
        _ => "--fuzz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\nContent-Type: text/plain\r\n\r\nabc\r\n--fuzz--\r\n",
    ];

    public FuzzRequest StripeEvent(string secret)
    {
        var (description, json) = random.Next(5) == 0 ? Pick(GenericBodies)(random) : Pick(MalformedStripeEvents)(random);
        var body = Body(description, json);
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var signature = random.Next(6) switch
        {
            0 => Pick(BadSignatureHeaders),
            _ => $"t={timestamp},v1={EventUtility.ComputeSignature(secret, timestamp, Encoding.UTF8.GetString(body))}",
        };
        return Make("Stripe: " + description, random.Next(8) == 0 ? Pick(WrongTypes) : "application/json", body,
            new Dictionary<string, string> { ["Stripe-Signature"] = signature }, truncated: random.Next(12) == 0);
    }

    public FuzzRequest ProviderEvent(string provider, string secret)
    {
        var (description, json) = random.Next(4) == 0 ? Pick(GenericBodies)(random) : Pick(MalformedProviderEvents[provider])(random);
        var body = Body(description, json);
        var (header, signature) = provider switch
        {
            "citrus" => ("X-Citrus-Signature", Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body))),
            "roamify" => (RoamifyWebhook.SignatureHeader, RoamifyWebhook.Sign(body, secret)),
            _ => (PressOneWebhook.SignatureHeader, PressOneWebhook.Sign(body, secret)),
        };
        if (random.Next(6) == 0) signature = Pick(BadSignatureHeaders);
        return Make($"{provider}: {description}", random.Next(8) == 0 ? Pick(WrongTypes) : "application/json", body,
            new Dictionary<string, string> { [header] = signature }, truncated: random.Next(12) == 0);
    }

    private static readonly string[] BadSignatureHeaders =
        ["", "t=abc,v1=zz", "t=99999999999999999999,v1=00", "v1=", "t=1", new string('a', 64), new string('z', 128), "sha256=" + new string('0', 64), new string(',', 3000)];

    private const string StripeVersion = "2026-10-28.endive";

    /// <summary>Correctly signed events Stripe would never send: each must be refused.</summary>
    private static readonly Func<Random, (string, string)>[] MalformedStripeEvents =
    [
        _ => ("null id", StripeJson("null", "\"checkout.session.completed\"", """{"object":{"id":"cs_test_1","object":"checkout.session"}}""")),
        _ => ("no id", """{"object":"event","type":"checkout.session.completed","api_version":"2026-10-28.endive","data":{"object":{"id":"cs_1","object":"checkout.session"}}}"""),
        r => ("id of the wrong type", StripeJson(r.Next(2) == 0 ? "42" : "{}", "\"checkout.session.completed\"", """{"object":{"id":"cs_1","object":"checkout.session"}}""")),
        _ => ("empty id", StripeJson("\"\"", "\"checkout.session.completed\"", """{"object":{"id":"cs_1","object":"checkout.session"}}""")),
        _ => ("id with a NUL", StripeJson("\"evt_\\u0000x\"", "\"checkout.session.completed\"", """{"object":{"id":"cs_1","object":"checkout.session"}}""")),
        _ => ("overlong id", StripeJson($"\"evt_{new string('x', 400)}\"", "\"checkout.session.completed\"", """{"object":{"id":"cs_1","object":"checkout.session"}}""")),
        _ => ("null type", StripeJson("\"evt_fuzz_t\"", "null", """{"object":{"id":"cs_1","object":"checkout.session"}}""")),
        _ => ("overlong type", StripeJson("\"evt_fuzz_t2\"", $"\"{new string('t', 300)}\"", """{"object":{"id":"cs_1","object":"checkout.session"}}""")),
        _ => ("null data", StripeJson("\"evt_fuzz_d\"", "\"checkout.session.completed\"", "null")),
        _ => ("data without an object", StripeJson("\"evt_fuzz_d2\"", "\"checkout.session.expired\"", "{}")),
        _ => ("object without an id", StripeJson("\"evt_fuzz_d3\"", "\"checkout.session.completed\"", """{"object":{"object":"checkout.session"}}""")),
        _ => ("object id with a NUL", StripeJson("\"evt_fuzz_d4\"", "\"checkout.session.completed\"", """{"object":{"id":"cs_\u0000","object":"checkout.session"}}""")),
        _ => ("overlong object id", StripeJson("\"evt_fuzz_d5\"", "\"checkout.session.completed\"", $$$"""{"object":{"id":"cs_{{{new string('s', 300)}}}","object":"checkout.session"}}""")),
        _ => ("object id of the wrong type", StripeJson("\"evt_fuzz_d6\"", "\"checkout.session.completed\"", """{"object":{"id":[1],"object":"checkout.session"}}""")),
        _ => ("data of the wrong type", StripeJson("\"evt_fuzz_d7\"", "\"checkout.session.completed\"", "\"data\"")),
    ];

    private static string StripeJson(string id, string type, string data) =>
        $$$"""{"id":{{{id}}},"object":"event","type":{{{type}}},"api_version":"{{{StripeVersion}}}","created":1700000000,"data":{{{data}}}}""";

    private static readonly Dictionary<string, Func<Random, (string, string)>[]> MalformedProviderEvents = new()
    {
        ["citrus"] =
        [
            _ => ("null id", """{"id":null,"event":"esim.activated","created_at":"2026-11-22T00:00:00Z","data":{"iccid":"8910300000000000001"}}"""),
            _ => ("no id", """{"event":"esim.activated","data":{"iccid":"8910300000000000001"}}"""),
            _ => ("id with a NUL", """{"id":"evt_\u0000","event":"esim.activated","data":{"iccid":"8910300000000000001"}}"""),
            _ => ("overlong id", $$$"""{"id":"{{{new string('i', 300)}}}","event":"esim.activated","data":{"iccid":"1"}}"""),
            _ => ("null event", """{"id":"evt_fuzz_1","event":null,"data":{}}"""),
            // An unreadable timestamp is not in this list: it is read as "no time" and the event kept (WebhookFormatTests).
            _ => ("event of the wrong type", """{"id":"evt_fuzz_2","event":7,"data":{}}"""),
            _ => ("overlong event", $$$"""{"id":"evt_fuzz_3","event":"{{{new string('e', 300)}}}","data":{}}"""),
            _ => ("data of the wrong type", """{"id":"evt_fuzz_4","event":"esim.activated","data":"x"}"""),
            _ => ("ICCID of the wrong type", """{"id":"evt_fuzz_6","event":"esim.activated","data":{"iccid":{"a":1}}}"""),
            _ => ("overlong ICCID", $$$"""{"id":"evt_fuzz_7","event":"esim.activated","data":{"iccid":"{{{new string('9', 300)}}}"}}"""),
            _ => ("balance out of range", """{"id":"evt_fuzz_8","event":"balance.low","data":{"balance_usd":1e400}}"""),
        ],
        ["roamify"] =
        [
            _ => ("no category", """{"event_type":"status","data":{"iccid":"1","status":"activated"}}"""),
            _ => ("null type", """{"event_category":"esim","event_type":null,"data":{}}"""),
            _ => ("data of the wrong type", """{"event_category":"esim","event_type":"status","data":[1]}"""),
            _ => ("overlong category", $$$"""{"event_category":"{{{new string('c', 300)}}}","event_type":"status","data":{}}"""),
            _ => ("overlong ICCID", $$$"""{"event_category":"esim","event_type":"status","data":{"iccid":"{{{new string('9', 300)}}}","status":"activated"}}"""),
            _ => ("ICCID with a NUL", """{"event_category":"esim","event_type":"status","data":{"iccid":"89\u0000","status":"activated"}}"""),
        ],
        ["pressone"] =
        [
            _ => ("overlong ICCID", $$$"""{"iccid":"{{{new string('9', 300)}}}","level":"75%"}"""),
            _ => ("ICCID with a NUL", """{"iccid":"89\u0000","level":"75%"}"""),
            _ => ("an array", """[{"iccid":"1","level":"75%"}]"""),
        ],
    };

    /// <summary>Bodies that are not an event at all, for any webhook.</summary>
    private static readonly Func<Random, (string, string)>[] GenericBodies =
    [
        _ => ("not JSON", "hello"),
        _ => ("JSON null", "null"),
        _ => ("a JSON string", "\"x\""),
        _ => ("a JSON array", "[]"),
        r => ("deep JSON", new string('[', 2000 + r.Next(20_000)) + new string(']', 10)),
        r => ("deep objects", string.Concat(Enumerable.Repeat("{\"a\":", 500 + r.Next(5000))) + "1"),
        r => ("truncated JSON", """{"id":"evt_cut","object":"event","data":{"obj"""[..(5 + r.Next(30))]),
        _ => ("over the size limit", "{\"pad\":\"" + new string('p', 600 * 1024) + "\"}"),
        _ => (InvalidUtf8, "{\"id\":\"evt_utf8\",\"type\":\"x\"}"),
        _ => ("empty", ""),
    ];

    private const string InvalidUtf8 = "invalid UTF-8";

    private static byte[] Body(string description, string json) =>
        description == InvalidUtf8 ? [.. Bytes(json[..^2]), 0xC3, 0x28, 0xFF, 0xFE, 0xED, 0xA0, 0x80, .. Bytes("\"}")] : Bytes(json);

    private static FuzzRequest Make(string description, string contentType, string body, bool truncated = false) =>
        Make(description, contentType, Bytes(body), [], truncated);

    private static FuzzRequest Make(string description, string contentType, byte[] body, Dictionary<string, string>? headers = null, bool truncated = false) =>
        new(description, contentType, body, headers ?? [], truncated);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
