using System.Net;
using Microsoft.EntityFrameworkCore;
using Storefront.Domain;
using Storefront.Features.Admin;
using Storefront.Features.Admin.Orders;
using Storefront.Tests.Support;

namespace Storefront.Tests.Admin;

public sealed class OrderActionsTests
{
    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task Resend_to_a_corrected_address_sends_once_there_and_the_timeline_says_who_did_it(TestDatabase database)
    {
        await using var store = await StoreFactory.StartAsync(database);
        using var shopper = new Shopper(store);
        var number = await shopper.BuyAsync(email: "maria@exmaple.com");
        using var support = await Staff.SignInAsync(store, StaffRoles.Support);
        var page = await support.GetPageAsync($"/admin/orders/{number}");

        var first = await support.PostFormAsync(page, "#resend-form", new() { ["Email"] = "maria@example.com" });
        var again = await support.PostFormAsync(page, "#resend-form", new() { ["Email"] = "maria@example.com" });

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        await store.WaitUntilAsync(db => db.OrderEvents.AnyAsync(e => e.Kind == "email.resent"), "the email to be sent again");
        await store.WaitForDueWorkAsync();
        var order = await store.OrderAsync(number);
        Assert.Equal("maria@example.com", order.CustomerEmail);
        Assert.Single(order.Events, e => e.Kind == "staff.resend_email");
        var corrected = Assert.Single(order.Events, e => e.Kind == "staff.email_corrected");
        Assert.Contains("from maria@exmaple.com to maria@example.com by support-", corrected.Message);
        Assert.Single(order.Events, e => e.Kind == "email.resent");
        var sentThere = Directory.GetFiles(store.MailFolder, "*.eml").Select(f => MimeKit.MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(a => a.Address == "maria@example.com")).ToList();
        Assert.Single(sentThere);
        Assert.Contains(number, sentThere[0].Subject);

        var shown = await support.GetPageAsync($"/admin/orders/{number}");
        var timeline = shown.QuerySelector("#timeline")!.TextContent;
        Assert.Contains("staff.email_corrected", timeline);
        Assert.Contains("email.resent", timeline);
    }

    [Fact]
    public async Task Resend_to_an_address_mail_cannot_reach_is_refused_and_changes_nothing()
    {
        await using var store = await StoreFactory.StartAsync();
        using var shopper = new Shopper(store);
        var number = await shopper.BuyAsync();
        using var admin = await Staff.SignInAsync(store);
        var page = await admin.GetPageAsync($"/admin/orders/{number}");

        var response = await admin.PostFormAsync(page, "#resend-form", new() { ["Email"] = "maria@@example" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await Shopper.ParseAsync(response)).QuerySelector("#resend-error"));
        var order = await store.OrderAsync(number);
        Assert.Equal("maria@example.com", order.CustomerEmail);
        Assert.DoesNotContain(order.Events, e => e.Kind.StartsWith("staff.", StringComparison.Ordinal));
        Assert.False(await store.WithDbAsync(db => db.WorkItems.AnyAsync(w => w.Kind == AdminWorkKinds.ResendDeliveryEmail)));
    }

    [Fact]
    public async Task Resend_is_refused_for_an_order_that_was_never_delivered()
    {
        await using var store = await StoreFactory.StartAsync();
        var number = await new AdminOrders(store).SeedAsync("ana@example.com", DateTimeOffset.UtcNow);
        using var admin = await Staff.SignInAsync(store);
        using var shopper = new Shopper(store);
        var delivered = await shopper.BuyAsync();
        var page = await admin.GetPageAsync($"/admin/orders/{delivered}");
        Assert.Null((await admin.GetPageAsync($"/admin/orders/{number}")).QuerySelector("#resend-form"));

        var form = page.QuerySelector("#resend-form")!;
        form.SetAttribute("action", $"/admin/orders/{number}/resend-email");
        var response = await admin.PostFormAsync(page, "#resend-form", []);

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.False(await store.WithDbAsync(db => db.WorkItems.AnyAsync(w => w.Kind == AdminWorkKinds.ResendDeliveryEmail)));
    }

    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task A_note_posted_twice_is_recorded_once_with_its_author_on_the_timeline(TestDatabase database)
    {
        await using var store = await StoreFactory.StartAsync(database);
        var number = await new AdminOrders(store).SeedAsync("ana@example.com", DateTimeOffset.UtcNow, OrderStatus.NeedsAttention);
        using var support = await Staff.SignInAsync(store, StaffRoles.Support);
        var page = await support.GetPageAsync($"/admin/orders/{number}");

        var first = await support.PostFormAsync(page, "#note-form", new() { ["Text"] = "Customer called: travelling on Friday, wants the eSIM by Thursday." });
        await support.PostFormAsync(page, "#note-form", new() { ["Text"] = "Customer called: travelling on Friday, wants the eSIM by Thursday." });

        Assert.Equal($"/admin/orders/{number}#timeline", first.Headers.Location!.OriginalString);
        var notes = (await store.OrderAsync(number)).Events.Where(e => e.Kind == "staff.note").ToList();
        var note = Assert.Single(notes);
        Assert.StartsWith("support-", note.Message);
        Assert.EndsWith(": Customer called: travelling on Friday, wants the eSIM by Thursday.", note.Message);
        var shown = await support.GetPageAsync($"/admin/orders/{number}");
        Assert.Contains("wants the eSIM by Thursday", shown.QuerySelector("#timeline li.staff")!.TextContent);
    }

    [Fact]
    public async Task An_empty_note_and_an_action_without_the_anti_forgery_token_are_refused()
    {
        await using var store = await StoreFactory.StartAsync();
        var number = await new AdminOrders(store).SeedAsync("ana@example.com", DateTimeOffset.UtcNow);
        using var admin = await Staff.SignInAsync(store);
        var page = await admin.GetPageAsync($"/admin/orders/{number}");

        var empty = await admin.PostFormAsync(page, "#note-form", new() { ["Text"] = "  " });
        var forged = await admin.Http.PostAsync($"/admin/orders/{number}/notes",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Text"] = "forged" }));

        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.NotNull((await Shopper.ParseAsync(empty)).QuerySelector("#note-error"));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain((await store.OrderAsync(number)).Events, e => e.Kind == "staff.note");
    }
}
