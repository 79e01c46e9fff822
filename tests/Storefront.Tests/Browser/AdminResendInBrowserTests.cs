using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Storefront.Domain;
using Storefront.Features.Admin;
using Storefront.Tests.Admin;
using Storefront.Tests.Support;

namespace Storefront.Tests.Browser;

/// <summary>
/// Staff in a real Chromium: sign in, find an order by the last digits of its ICCID, resend its eSIM email to a
/// corrected address, and see the timeline say so, and the email arrive in maildev. Screenshots of the sign-in page,
/// the list and the order at desktop (1280) and tablet (820) widths go to artifacts/screenshots/admin/.
/// </summary>
public sealed class AdminResendInBrowserTests
{
    [Fact]
    public async Task Staff_find_an_order_by_the_last_digits_of_its_iccid_and_resend_its_email_to_a_corrected_address()
    {
        await using var store = await StoreFactory.StartAsync(mail: TestMail.Maildev);
        using var shopper = new Shopper(store);
        var number = await shopper.BuyAsync(email: "traveller@exmaple.com");
        var iccid = (await store.OrderAsync(number)).Esims.Single().Iccid!;
        var seeded = new AdminOrders(store);
        await seeded.SeedAsync("kenji@example.com", DateTimeOffset.UtcNow.AddHours(-30), OrderStatus.NeedsAttention);
        await seeded.SeedManyAsync(3, "lena@example.com", DateTimeOffset.UtcNow.AddDays(-2), OrderStatus.Abandoned);
        await seeded.SeedAsync("omar@example.com", DateTimeOffset.UtcNow.AddMinutes(-5));
        var corrected = $"traveller-{Guid.NewGuid():N}@example.com";
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BuyInBrowserTests.LaunchAsync(playwright);
        var shots = new Screenshots("admin");
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var tablet = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 820, Height = 1180 } });

        await page.GotoAsync(new Uri(store.ServerAddress, "admin/orders").ToString());
        await page.WaitForURLAsync("**/admin/signin?returnUrl=*");
        await shots.TakeAsync(page, "signin-1280");
        await AdminPages.SignInIfAskedAsync(page);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Orders");
        await shots.TakeAsync(page, "orders-1280");

        await page.FillAsync("#q", iccid[^6..]);
        await page.ClickAsync("#apply");
        await page.WaitForURLAsync($"**/admin/orders/{number}");
        await Assertions.Expect(page.Locator(".iccid")).ToHaveTextAsync(iccid);

        await page.FillAsync("#resend-email", corrected);
        await page.ClickAsync("#resend");
        await Assertions.Expect(page.Locator("#flash")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync($"Customer email corrected from traveller@exmaple.com to {corrected} by {StaffAccounts.SandboxAdminEmail}.");
        await Assertions.Expect(page.Locator("#customer-email")).ToHaveTextAsync(corrected);
        for (var attempt = 0; attempt < 60 && !(await page.Locator("#timeline").TextContentAsync())!.Contains("email.resent"); attempt++)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }
        await Assertions.Expect(page.Locator("#timeline")).ToContainTextAsync($"Delivery email sent again to {corrected}.");
        await shots.TakeAsync(page, "order-1280");

        using var maildev = new HttpClient { BaseAddress = TestEnvironment.MaildevApi };
        var email = await WaitForEmailAsync(maildev, corrected);
        Assert.Contains(number, email.GetProperty("subject").GetString());

        await tablet.GotoAsync(new Uri(store.ServerAddress, "admin/signin").ToString());
        await shots.TakeAsync(tablet, "signin-820");
        await tablet.GotoAsync(new Uri(store.ServerAddress, "admin/orders").ToString());
        await AdminPages.SignInIfAskedAsync(tablet);
        await shots.TakeAsync(tablet, "orders-820");
        await tablet.GotoAsync(new Uri(store.ServerAddress, $"admin/orders/{number}").ToString());
        await shots.TakeAsync(tablet, "order-820");
        var overflow = await tablet.EvaluateAsync<bool>("document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "The order page fits a tablet screen without sideways scrolling.");
    }

    private static async Task<JsonElement> WaitForEmailAsync(HttpClient maildev, string to)
    {
        for (var i = 0; i < 100; i++)
        {
            var all = await maildev.GetFromJsonAsync<JsonElement>("email");
            foreach (var message in all.EnumerateArray())
                if (message.GetProperty("to").EnumerateArray().Any(t => t.GetProperty("address").GetString() == to))
                    return message;
            await Task.Delay(100);
        }
        throw new TimeoutException($"No email to {to} reached maildev.");
    }
}
