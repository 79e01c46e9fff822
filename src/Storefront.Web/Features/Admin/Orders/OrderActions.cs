using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Email;
using Storefront.Features.Delivery;
using Storefront.Features.Install;
using Storefront.Features.Orders;
using Storefront.Jobs;

namespace Storefront.Features.Admin.Orders;

public sealed class ResendEmailForm
{
    /// <summary>Empty: the address on the order. Otherwise the corrected address, which replaces it on the order.</summary>
    [DeliverableEmail]
    [Display(Name = "Corrected email")]
    public string? Email { get; set; }

    /// <summary>Made when the page was shown: the same form posted twice (a double click, a retried request) sends once.</summary>
    [Required]
    public Guid RequestId { get; set; }
}

public sealed class AddNoteForm
{
    [Required(ErrorMessage = "Write the note.")]
    [StringLength(800, ErrorMessage = "A note has at most 800 characters.")]
    public string? Text { get; set; }
}

/// <summary>
/// What staff do to an order from its page, each written on the order's timeline with who did it (the audit trail):
/// resend the eSIM email, optionally to a corrected address; add a note. Both are open to Support as well as Admin.
/// </summary>
public sealed class OrderActionsController(StorefrontDbContext db, WorkQueue work, OrderDetailsReader reader, TimeProvider clock) : AdminController
{
    /// <summary>Only a delivered eSIM order has an email to send again (a top-up's email has no install details).</summary>
    public static bool CanResend(Order order) => order.Status == OrderStatus.Delivered && order.Kind == OrderKind.Esim;

    [HttpPost("/admin/orders/{number}/resend-email")]
    public async Task<IActionResult> ResendEmail(string number, [FromForm] ResendEmailForm form, CancellationToken ct)
    {
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Number == number, ct);
        if (order is null) return NotFound();
        if (!CanResend(order))
        {
            ModelState.AddModelError("Resend", $"Order {order.Number} is {StatusLabels.Of(order.Status).Text.ToLowerInvariant()}: only a delivered eSIM order's email can be sent again.");
            return await ShowAgainAsync(order.Number, StatusCodes.Status409Conflict, ct);
        }
        if (!ModelState.IsValid) return await ShowAgainAsync(order.Number, StatusCodes.Status400BadRequest, ct);

        var now = clock.GetUtcNow();
        if (await work.EnqueueAsync(AdminWorkKinds.ResendDeliveryEmail, order.Id, $"email:resend:{order.Id}:{form.RequestId:N}", ct: ct))
        {
            if (form.Email?.Trim() is { Length: > 0 } corrected) order.CorrectEmail(corrected, StaffName, now);
            order.Record(now, "staff.resend_email", $"Delivery email resend to {order.CustomerEmail} requested by {StaffName}.");
            await db.SaveChangesAsync(ct);
        }
        TempData[Flash] = "The eSIM email is on its way; its sending appears on the timeline.";
        return LocalRedirect(OrderDetailsController.PathOf(order.Number));
    }

    [HttpPost("/admin/orders/{number}/notes")]
    public async Task<IActionResult> AddNote(string number, [FromForm] AddNoteForm form, CancellationToken ct)
    {
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Number == number, ct);
        if (order is null) return NotFound();
        if (!ModelState.IsValid) return await ShowAgainAsync(order.Number, StatusCodes.Status400BadRequest, ct);

        var now = clock.GetUtcNow();
        var message = $"{StaffName}: {form.Text!.Trim()}";
        // The same note by the same person within a few minutes is one note posted twice (a double click, a retry).
        var since = now.AddMinutes(-10);
        if (!await db.OrderEvents.AnyAsync(e => e.OrderId == order.Id && e.Kind == "staff.note" && e.Message == message && e.At >= since, ct))
        {
            order.Record(now, "staff.note", message);
            await db.SaveChangesAsync(ct);
        }
        return LocalRedirect(OrderDetailsController.PathOf(order.Number) + "#timeline");
    }

    public const string Flash = "admin-flash";

    /// <summary>The order page again, with what was wrong next to the form that was sent.</summary>
    private async Task<IActionResult> ShowAgainAsync(string number, int status, CancellationToken ct)
    {
        Response.StatusCode = status;
        return View("OrderDetails", await reader.ReadAsync(number, User.IsInRole(StaffRoles.Admin), ct));
    }
}

public static class AdminWorkKinds
{
    public const string ResendDeliveryEmail = "email.resend_delivery";
}

/// <summary>Sends the delivery email again, to the address on the order now, and writes that on the timeline.</summary>
public sealed class ResendDeliveryEmailHandler(StorefrontDbContext db, OrderEmails emails, IEmailSender sender, ActivationCodeProtector codes,
    TimeProvider clock) : IWorkHandler
{
    public string Kind => AdminWorkKinds.ResendDeliveryEmail;

    public async Task HandleAsync(WorkItem item, CancellationToken ct)
    {
        var order = await db.Orders.Include(o => o.Esims).SingleOrDefaultAsync(o => o.Id == item.OrderId, ct)
                    ?? throw new PermanentFailureException("The order does not exist.");
        var details = order.Esims.Select(e => codes.Details(e.ActivationCodeProtected)
                                              ?? throw new PermanentFailureException("An eSIM has no activation code.")).ToList();
        await sender.SendAsync(emails.Delivery(order, details), ct);
        order.Record(clock.GetUtcNow(), "email.resent", $"Delivery email sent again to {order.CustomerEmail}.");
        await db.SaveChangesAsync(CancellationToken.None);
    }

    public async Task OnGiveUpAsync(WorkItem item, Exception error, CancellationToken ct)
    {
        var order = await db.Orders.SingleOrDefaultAsync(o => o.Id == item.OrderId, ct);
        if (order is null) return;
        order.Record(clock.GetUtcNow(), "email.resend_failed", EmailFailure.Reason("The delivery email could not be sent again", error));
        await db.SaveChangesAsync(ct);
    }
}
