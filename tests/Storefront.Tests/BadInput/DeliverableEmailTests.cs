using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Email;
using Storefront.Tests.Support;

namespace Storefront.Tests.BadInput;

/// <summary>Checkout and find-my-order accept only addresses the mailer (MimeKit) and Stripe can both take.</summary>
public sealed class DeliverableEmailTests
{
    private const string Invalid = "Enter a valid email address, like name@example.com.";
    private const string Spaces = "An email address cannot contain spaces.";
    private const string NonLatin = "Use an address with only Latin letters, digits and . _ - +: we cannot deliver to accented or non-Latin addresses.";

    public static TheoryData<string, string?> Addresses => new()
    {
        { "maria@example.com", null },
        { "maria.garcia+esim@mail.example.co.uk", null },
        { "o'brien@example.ie", null },
        { "  maria@example.com ", null },
        { "m@xn--bcher-kva.de", null },
        { "maria..garcia@example.com", Invalid },
        { ".maria@example.com", Invalid },
        { "maria.@example.com", Invalid },
        { "maria@example..com", Invalid },
        { "maria@.example.com", Invalid },
        { "maria@example.com.", Invalid },
        { "maría@example.com", NonLatin },
        { "maria@exämple.com", NonLatin },
        { "мария@example.com", NonLatin },
        { "maria garcia@example.com", Spaces },
        { "maria@exam ple.com", Spaces },
        { "maria@example", Invalid },
        { "maria@localhost", Invalid },
        { "maria@example.c", Invalid },
        { "maria@10.0.0.1", Invalid },
        { "maria@[10.0.0.1]", Invalid },
        { "maria@-example.com", Invalid },
        { "maria@example-.com", Invalid },
        { "maria@exam_ple.com", Invalid },
        { "\"maria garcia\"@example.com", Spaces },
        { "\"maria\"@example.com", Invalid },
        { "Maria <maria@example.com>", Spaces },
        { "maria@example.com,ana@example.com", Invalid },
        { "maria(comment)@example.com", Invalid },
        { "maria@", Invalid },
        { "@example.com", Invalid },
        { "maria", Invalid },
        { "maria@@example.com", Invalid },
        { new string('m', 64) + "@example.com", null },
        { new string('m', 65) + "@example.com", "The part before the @ is too long." },
        { "m@" + new string('e', 63) + ".com", null },
        { "m@" + new string('e', 64) + ".com", Invalid },
        { "m@" + string.Join(".", Enumerable.Repeat(new string('e', 60), 5)) + ".com", "That email address is too long." },
    };

    [Theory]
    [MemberData(nameof(Addresses))]
    public void Only_deliverable_addresses_are_accepted(string address, string? problem) =>
        Assert.Equal(problem, DeliverableEmailAttribute.Problem(address.Trim()));

    private static readonly (string Address, string Message)[] Undeliverable =
    [
        ("maria..garcia@example.com", Invalid),
        ("maría@example.com", NonLatin),
        ("maria garcia@example.com", Spaces),
        ("maria@example", Invalid),
        ("maria@example.com.", Invalid),
    ];

    [Fact]
    public async Task Checkout_and_find_my_order_refuse_undeliverable_addresses_on_the_email_field()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var (sku, price) = await shopper.PickPlanAsync("JP", 1);
        var findForm = await shopper.GetPageAsync("/orders/find");
        var token = findForm.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        var answers = new List<string>();
        foreach (var (address, message) in Undeliverable)
        {
            var checkout = await shopper.SubmitCheckoutAsync(sku, price.ToString(System.Globalization.CultureInfo.InvariantCulture), address, address, "Maria Garcia");
            var find = await shopper.Http.PostAsync("/orders/find", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token, ["Email"] = address,
            }));
            foreach (var (form, response) in new[] { ("checkout", checkout), ("find", find) })
            {
                var shown = (await Shopper.ParseAsync(response)).QuerySelector("#Email-error")?.TextContent;
                answers.Add($"{form} {address}: {(int)response.StatusCode} {(shown == message ? "right message" : shown)}");
            }
        }

        Assert.All(answers, a => Assert.EndsWith(": 400 right message", a));
        Assert.Equal(0, await store.WithDbAsync(db => db.Orders.CountAsync()));
        Assert.Equal(0, await store.WithDbAsync(db => db.WorkItems.CountAsync()));
    }
}
