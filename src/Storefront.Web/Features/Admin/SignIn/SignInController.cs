using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Storefront.Infrastructure;

namespace Storefront.Features.Admin.SignIn;

public sealed class SignInForm
{
    [Required(ErrorMessage = "Enter your email address.")]
    public string? Email { get; set; }

    [Required(ErrorMessage = "Enter your password.")]
    public string? Password { get; set; }

    public string? ReturnUrl { get; set; }
}

public sealed record SignInViewModel(SignInForm Form, string? Failure);

/// <summary>
/// /admin/signin and /admin/signout. A wrong password and a locked account get the same answer, so the form does not
/// tell which addresses are staff; every POST counts against the RateLimits:AdminSignIn limit of the client address,
/// and 5 wrong passwords lock the account for 15 minutes. Signing out takes a signed-in user (anyone else gets 401).
/// </summary>
public sealed class SignInController(SignInManager<IdentityUser> signIn, ILogger<SignInController> logger) : Controller
{
    private const string Home = "/admin/orders";

    [HttpGet(AdminAreaExtensions.SignInPath)]
    [AllowAnonymous]
    public IActionResult Form(string? returnUrl)
    {
        Response.KeepPrivate();
        return View("SignIn", new SignInViewModel(new SignInForm { ReturnUrl = returnUrl }, Failure: null));
    }

    [HttpPost(AdminAreaExtensions.SignInPath)]
    [AllowAnonymous]
    [ValidateAntiForgeryToken]
    [EnableRateLimiting(RateLimits.AdminSignIn)]
    public async Task<IActionResult> Submit([FromForm] SignInForm form)
    {
        Response.KeepPrivate();
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("SignIn", new SignInViewModel(form, Failure: null));
        }
        var result = await signIn.PasswordSignInAsync(form.Email!.Trim(), form.Password!, isPersistent: false, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            if (result.IsLockedOut) logger.LogWarning("Staff sign-in refused: the account is locked out");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return View("SignIn", new SignInViewModel(new SignInForm { Email = form.Email, ReturnUrl = form.ReturnUrl },
                "That email and password do not match a staff account. After 5 wrong passwords an account is locked for 15 minutes."));
        }
        // Only back into the admin area: a return address elsewhere (or on another site) is ignored.
        var target = Url.IsLocalUrl(form.ReturnUrl) && form.ReturnUrl!.StartsWith("/admin/", StringComparison.Ordinal) ? form.ReturnUrl : Home;
        return LocalRedirect(target);
    }

    [HttpPost("/admin/signout")]
    [Authorize]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> SignOutStaff()
    {
        await signIn.SignOutAsync();
        return LocalRedirect(AdminAreaExtensions.SignInPath);
    }
}
