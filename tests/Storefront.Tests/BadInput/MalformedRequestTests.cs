using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Sandbox;
using Storefront.Tests.Support;
using Stripe;

namespace Storefront.Tests.BadInput;

/// <summary>The one-line bodies that used to answer 500: each is the client's error, in every environment.</summary>
public sealed class MalformedRequestTests
{
    private const string Form = "application/x-www-form-urlencoded";

    private static readonly (string ContentType, string Body)[] OneLiners =
    [
        (Form, "Email[=maria@example.com"),
        (Form, "a[b=1&c]=2"),
        (Form, "Email=maria%00@example.com&Name=Maria%00"),
        ("multipart/form-data; boundary=x", "not a multipart body"),
        ("multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"Email\"\r\n\r\nm"),
        (Form, string.Join("&", Enumerable.Range(0, 5000).Select(i => $"f{i}=1"))),
    ];

    [Theory]
    [InlineData("Testing")]
    [InlineData("Development")]
    public async Task Unreadable_posts_get_400_not_500_and_store_nothing(string environment)
    {
        await using var store = new StoreFactory().InEnvironment(environment);
        store.StartServer();
        await store.WaitUntilAsync(db => db.Plans.AnyAsync(p => p.IsActive), "the catalogue to be synced");
        using var http = store.CreateBrowserClient();

        var answers = new List<string>();
        foreach (var path in new[] { "/checkout", "/orders/find", "/webhooks/stripe", "/webhooks/citrus" })
        foreach (var (contentType, body) in OneLiners)
        {
            var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            content.Headers.TryAddWithoutValidation("Content-Type", contentType);
            var response = await http.PostAsync(path, content);
            answers.Add($"{path} {contentType} {body[..Math.Min(body.Length, 30)]}: {(int)response.StatusCode}");
        }

        Assert.All(answers, a => Assert.EndsWith(": 400", a));
        Assert.Equal((0, 0, 0), await store.WithDbAsync(async db => (await db.Orders.CountAsync(), await db.InboxEvents.CountAsync(), await db.WorkItems.CountAsync())));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Control_characters_in_a_checkout_field_are_refused_on_the_field(TestDatabase database)
    {
        await using var store = await StoreFactory.StartAsync(database);
        using var shopper = new Shopper(store);
        var (sku, price) = await shopper.PickPlanAsync("JP", 1);

        // PostgreSQL refuses a NUL in any text: no control character may reach a query.
        var response = await shopper.SubmitCheckoutAsync(sku, price.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "maria@example.com", "maria@example.com", "Maria\u0007Garcia");
        var nul = await shopper.SubmitCheckoutAsync(sku, price.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "maria@example.com", "maria@example.com", "Maria\0Garcia");
        var wrongPlan = await shopper.SubmitCheckoutAsync(sku, price.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "maria@example.com", "maria@example.com", "Maria Garcia", postedSku: sku + "\0");
        var planPage = await shopper.Http.GetAsync($"/checkout?plan={Uri.EscapeDataString(sku)}%00");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Remove the invisible control characters from this field.", (await Shopper.ParseAsync(response)).QuerySelector("#Name-error")!.TextContent);
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongPlan.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, planPage.StatusCode);
        Assert.Equal(0, await store.WithDbAsync(db => db.Orders.CountAsync()));
    }

    private static readonly (string What, string Body)[] SignedEventsWithoutIdOrData =
    [
        ("null id", """{"id":null,"object":"event","type":"checkout.session.completed","api_version":"2026-10-28.endive","data":{"object":{"id":"cs_test_1","object":"checkout.session"}}}"""),
        ("no id", """{"object":"event","type":"checkout.session.completed","api_version":"2026-10-28.endive","data":{"object":{"id":"cs_test_1","object":"checkout.session"}}}"""),
        ("null data", """{"id":"evt_null_data","object":"event","type":"checkout.session.completed","api_version":"2026-10-28.endive","data":null}"""),
        ("no data", """{"id":"evt_no_data","object":"event","type":"checkout.session.expired","api_version":"2026-10-28.endive"}"""),
        ("null object", """{"id":"evt_null_object","object":"event","type":"checkout.session.completed","api_version":"2026-10-28.endive","data":{"object":null}}"""),
        ("NUL in the id", """{"id":"evt_\u0000","object":"event","type":"checkout.session.completed","api_version":"2026-10-28.endive","data":{"object":{"id":"cs_test_1","object":"checkout.session"}}}"""),
    ];

    [Fact]
    public async Task Signed_stripe_event_without_an_id_or_data_is_refused_and_not_recorded()
    {
        await using var store = await StoreFactory.StartAsync(TestDatabase.Postgres);
        using var http = store.CreateBrowserClient();
        var secret = store.StripeWebhookSecret;

        var answers = new List<string>();
        foreach (var (what, body) in SignedEventsWithoutIdOrData)
        {
            var content = new StringContent(body, Encoding.UTF8, "application/json");
            content.Headers.Add("Stripe-Signature", EventUtility.GenerateSignatureHeader(body, secret, DateTimeOffset.UtcNow.ToUnixTimeSeconds()));
            answers.Add($"{what}: {(int)(await http.PostAsync("/webhooks/stripe", content)).StatusCode}");
        }

        Assert.All(answers, a => Assert.EndsWith(": 400", a));
        Assert.Equal(0, await store.WithDbAsync(db => db.InboxEvents.CountAsync()));
        Assert.Equal(0, await store.WithDbAsync(db => db.WorkItems.CountAsync()));
    }
}
