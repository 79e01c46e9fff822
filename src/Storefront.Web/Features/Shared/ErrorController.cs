using Microsoft.AspNetCore.Mvc;

namespace Storefront.Features.Shared;

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    /// <summary>
    /// Answers every method: the status-code page re-executes the original request, a POST included. It binds no
    /// parameters (the code is read from the route) because a re-executed request still carries its original body, and
    /// binding would read that malformed form again and turn a 400 into a 500.
    /// </summary>
    [Route("/error/{code:int?}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Show()
    {
        var code = int.TryParse(RouteData.Values["code"] as string, out var routeCode) ? routeCode : StatusCodes.Status500InternalServerError;
        Response.StatusCode = code;
        return View(code == StatusCodes.Status404NotFound ? "NotFound" : "Error");
    }
}
