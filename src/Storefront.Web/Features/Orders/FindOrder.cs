using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Storefront.Data;
using Storefront.Domain;
using Storefront.Email;
using Storefront.Features.Delivery;
using Storefront.Infrastructure;
using Storefront.Jobs;

namespace Storefront.Features.Orders;

public sealed class FindOrderForm
{
    [Required(ErrorMessage = "Enter the email address you ordered with.")]
    [DeliverableEmail]
    public string? Email { get; set; }
}

/// <summary>
/// /orders/find: the customer enters their email and receives links to their orders. The page says the same whether
/// or not orders exist, so it cannot be used to learn who bought from the store; one email per address per few minutes.
/// </summary>
public sealed class FindOrderController(StorefrontDbContext db, WorkQueue work, TimeProvider clock) : Controller
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(5);

    [HttpGet("/orders/find")]
    public IActionResult Form() => View("FindOrder", new FindOrderViewModel(new FindOrderForm(), Sent: false));

    [HttpPost("/orders/find")]
    [ValidateAntiForgeryToken]
    [EnableRateLimiting(RateLimits.FindOrder)]
    public async Task<IActionResult> Submit([FromForm] FindOrderForm form, CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("FindOrder", new FindOrderViewModel(form, Sent: false));
        }
        var email = form.Email!.Trim().ToLowerInvariant();
        if (await db.Orders.AnyAsync(o => o.CustomerEmail.ToLower() == email && o.Status != OrderStatus.AwaitingPayment && o.Status != OrderStatus.Abandoned, ct))
        {
            var bucket = clock.GetUtcNow().ToUnixTimeSeconds() / (long)Window.TotalSeconds;
            var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(email)))[..32];
            if (await work.EnqueueAsync(WorkKinds.SendOrderLinks, null, $"email:find:{hash}:{bucket}", email, ct))
                await db.SaveChangesAsync(ct);
        }
        return View("FindOrder", new FindOrderViewModel(new FindOrderForm { Email = form.Email }, Sent: true));
    }
}

public sealed record FindOrderViewModel(FindOrderForm Form, bool Sent);

/// <summary>Emails the links to every paid order of one address.</summary>
public sealed class SendOrderLinksHandler(StorefrontDbContext db, OrderEmails emails, IEmailSender sender) : IWorkHandler
{
    public string Kind => WorkKinds.SendOrderLinks;

    public async Task HandleAsync(WorkItem item, CancellationToken ct)
    {
        var email = item.Payload ?? throw new PermanentFailureException("No email address.");
        var orders = await db.Orders.AsNoTracking()
            .Where(o => o.CustomerEmail.ToLower() == email && o.Status != OrderStatus.AwaitingPayment && o.Status != OrderStatus.Abandoned)
            .OrderByDescending(o => o.CreatedAt).Take(20).ToListAsync(ct);
        if (orders.Count > 0)
            await sender.SendAsync(emails.OrderLinks(orders), ct);
    }
}
