using Microsoft.AspNetCore.Mvc;

namespace Storefront.Features.Shared;

[ApiExplorerSettings(IgnoreApi = true)]
public sealed class ErrorController : Controller
{
    [Route("/error/{code:int?}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Show(int? code)
    {
        Response.StatusCode = code ?? StatusCodes.Status500InternalServerError;
        return View(code == StatusCodes.Status404NotFound ? "NotFound" : "Error");
    }
}
