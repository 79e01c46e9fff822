using Microsoft.AspNetCore.Mvc;
using Storefront.Infrastructure;

namespace Storefront.Features.Orders;

public sealed class OrdersController(OrderViewBuilder views) : Controller
{
    /// <summary>The customer's order page. The token is the only key: 256 random bits, never the order id.</summary>
    [HttpGet("/orders/{token:length(43)}")]
    public async Task<IActionResult> Show(string token, CancellationToken ct)
    {
        var model = await views.BuildAsync(token, ct);
        if (model is null) return NotFound();
        Response.KeepPrivate();
        return View("Order", model);
    }

    /// <summary>Polled by the success and order pages while the eSIM is being prepared.</summary>
    [HttpGet("/orders/{token:length(43)}/status")]
    public async Task<IActionResult> Status(string token, CancellationToken ct)
    {
        var model = await views.BuildAsync(token, ct);
        if (model is null) return NotFound();
        Response.Headers.CacheControl = "no-store";
        return Json(new { status = model.StatusLabel, ready = model.Ready, waiting = model.Waiting });
    }
}
