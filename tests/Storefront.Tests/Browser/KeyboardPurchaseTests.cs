using System.Text.Json;
using Microsoft.Playwright;
using Storefront.Tests.Support;

namespace Storefront.Tests.Browser;

/// <summary>
/// A traveller who uses only the keyboard (Tab, Shift+Tab, Enter, Space, and typing into fields) buys a plan. On every
/// page the whole tab order is walked: each control shows a visible focus indicator and focus moves forward through
/// the page in reading order. What axe cannot see is checked here: form errors tied to their fields with focus on the
/// first, the copy buttons and the success page's update announced, the QR image's text alternative, reduced motion.
/// </summary>
public sealed class KeyboardPurchaseTests
{
    private const string FocusedElement = """
        () => {
          const el = document.activeElement;
          if (!el || el === document.body || el === document.documentElement) return null;
          const prev = window.__previousFocus;
          const forward = !prev || prev === el || !!(prev.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
          window.__previousFocus = el;
          const style = getComputedStyle(el);
          const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
          const shadow = style.boxShadow !== 'none';
          return {
            name: el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + (el.getAttribute('aria-label') || el.innerText || el.value || '').trim().slice(0, 40) + '"',
            visible: outline || shadow, forward,
          };
        }
        """;

    [Fact]
    public async Task Traveller_buys_a_plan_with_the_keyboard_alone_and_hears_what_happens()
    {
        await using var store = await StoreFactory.StartAsync();
        // Provisioning fails twice first, so the success page is still waiting when it opens and must announce the eSIM.
        await new CitrusUpstream(store).AddFaultAsync("esim/provision", "error", count: 2, status: 503);
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await BuyInBrowserTests.LaunchAsync(playwright);
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, ReducedMotion = ReducedMotion.Reduce,
        });
        await context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = store.ServerAddress.ToString().TrimEnd('/') });
        var page = await context.NewPageAsync();

        await page.GotoAsync(store.ServerAddress.ToString());
        await WalkTabOrderAsync(page);
        await TabToAsync(page, "#q");
        await page.Keyboard.TypeAsync("Japan");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/destinations/jp");

        await WalkTabOrderAsync(page);
        await TabToAsync(page, ".plan form button");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/checkout?plan=*");

        await WalkTabOrderAsync(page);
        await TabToAsync(page, "#pay");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForSelectorAsync("#Email-error");
        Assert.Equal("Email", await page.EvaluateAsync<string>("document.activeElement.id"));
        foreach (var field in new[] { "Email", "ConfirmEmail", "Name" })
        {
            var describedBy = await page.GetAttributeAsync($"#{field}", "aria-describedby") ?? "";
            Assert.Contains($"{field}-error", describedBy.Split(' '));
            Assert.Equal("true", await page.GetAttributeAsync($"#{field}", "aria-invalid"));
        }
        await page.Keyboard.TypeAsync("maria@example.com");
        await TabToAsync(page, "#ConfirmEmail");
        await page.Keyboard.TypeAsync("maria@example.com");
        await TabToAsync(page, "#Name");
        await page.Keyboard.TypeAsync("Maria Garcia");
        await TabToAsync(page, "#pay");
        await page.Keyboard.PressAsync("Space");
        await page.WaitForURLAsync("**/sandbox/stripe/c/pay/**");

        await WalkTabOrderAsync(page);
        await TabToAsync(page, "#card-number");
        await page.Keyboard.TypeAsync("4242 4242 4242 4242");
        await TabToAsync(page, "#card-expiry");
        await page.Keyboard.TypeAsync("12 / 34");
        await TabToAsync(page, "#card-cvc");
        await page.Keyboard.TypeAsync("123");
        await TabToAsync(page, "#pay-button");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/checkout/success?session_id=*", new() { WaitUntil = WaitUntilState.Commit });

        await Assertions.Expect(page.Locator("#waiting")).ToBeVisibleAsync();
        Assert.Equal("none", await page.EvalOnSelectorAsync<string>("#waiting .spinner", "e => getComputedStyle(e).animationName"));
        await Assertions.Expect(page.Locator("img#qr-1")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("#status-announcement")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Your eSIM is ready"));
        Assert.Equal("status", await page.GetAttributeAsync("#status-announcement", "role"));
        var alt = await page.GetAttributeAsync("img#qr-1", "alt") ?? "";
        Assert.Contains("activation code", alt);

        await WalkTabOrderAsync(page);
        await TabToAsync(page, "button[data-copy='#code-1']");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("[data-copy-status]")).ToHaveTextAsync("Activation code copied");
        Assert.Equal(await page.InnerTextAsync("#code-1"), await page.EvaluateAsync<string>("navigator.clipboard.readText()"));

        await TabToAsync(page, "#order-link");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync("**/orders/*");
        await WalkTabOrderAsync(page);
    }

    /// <summary>
    /// Tabs from the top of the page to its end: every stop shows a focus indicator, focus only moves forward in the
    /// document, no element has a positive tabindex, and the page's language is set.
    /// </summary>
    private static async Task WalkTabOrderAsync(IPage page)
    {
        Assert.Equal("en", await page.EvaluateAsync<string>("document.documentElement.lang"));
        Assert.Equal(0, await page.EvaluateAsync<int>("[...document.querySelectorAll('[tabindex]')].filter(e => e.tabIndex > 0).length"));
        await FocusTopOfPageAsync(page);
        var stops = new List<string>();
        for (var i = 0; i < 150; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focused = await page.EvaluateAsync<JsonElement?>(FocusedElement);
            if (focused is not { ValueKind: JsonValueKind.Object } stop) break;
            var name = stop.GetProperty("name").GetString()!;
            if (stops.Count > 0 && name == stops[0]) break;
            Assert.True(stop.GetProperty("visible").GetBoolean(), $"{page.Url}: {name} shows no focus indicator.");
            Assert.True(stop.GetProperty("forward").GetBoolean(), $"{page.Url}: focus jumped back to {name} after {string.Join(", ", stops)}.");
            stops.Add(name);
        }
        Assert.NotEmpty(stops);
        await FocusTopOfPageAsync(page);
    }

    /// <summary>Puts the keyboard's starting point above everything, as when the page has just loaded.</summary>
    private static Task FocusTopOfPageAsync(IPage page) => page.EvaluateAsync("""
        () => {
          window.__previousFocus = null;
          let top = document.getElementById('test-focus-start');
          if (!top) { top = document.createElement('span'); top.id = 'test-focus-start'; top.tabIndex = -1; document.body.prepend(top); }
          top.focus();
        }
        """);

    /// <summary>Presses Tab until the element matching <paramref name="selector"/> has focus.</summary>
    private static async Task TabToAsync(IPage page, string selector)
    {
        for (var i = 0; i < 150; i++)
        {
            if (await page.EvaluateAsync<bool>("s => document.activeElement && document.activeElement.matches(s)", selector)) return;
            await page.Keyboard.PressAsync("Tab");
        }
        throw new InvalidOperationException($"Tab never reached {selector} on {page.Url}.");
    }
}
