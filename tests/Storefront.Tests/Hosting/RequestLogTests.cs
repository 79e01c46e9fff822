using Storefront.Tests.Support;

namespace Storefront.Tests.Hosting;

/// <summary>The request log names routes, never the paths and query strings that carry order tokens and session ids.</summary>
public sealed class RequestLogTests
{
    [Fact]
    public async Task Order_page_request_is_logged_by_its_route_template_without_the_token()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var checkout = await shopper.StartCheckoutAsync();
        var paid = await shopper.PayAsync(checkout.SessionId);
        var order = await store.WaitForOrderAsync(checkout.OrderNumber, Storefront.Domain.OrderStatus.Delivered);
        var unknownToken = new string('x', 20);

        await shopper.GetPageAsync($"/orders/{order.AccessToken}");
        await shopper.GetPageAsync($"/orders/{order.AccessToken}?from=email");
        await shopper.GetPageAsync(new Uri(paid.RedirectUrl!).PathAndQuery);
        await shopper.Http.GetAsync($"/orders/{unknownToken}");

        var requestLines = store.Logs.Lines.Where(l => l.Contains("RequestLoggingMiddleware")).ToList();
        Assert.Equal(2, requestLines.Count(l => l.Contains("HTTP GET /orders/{token:length(43)} responded 200")));
        Assert.Contains(requestLines, l => l.Contains("HTTP GET /checkout/success responded 200"));
        foreach (var secret in new[] { order.AccessToken, unknownToken })
        {
            var leak = store.Logs.Lines.FirstOrDefault(l => l.Contains(secret, StringComparison.Ordinal));
            Assert.True(leak is null, $"A log line (message or property) reveals a path secret: {leak}");
        }
        Assert.DoesNotContain(requestLines, l => l.Contains(checkout.SessionId, StringComparison.Ordinal));
        Assert.DoesNotContain(store.Logs.Lines, l => l.Contains("RequestPath="));
    }
}
