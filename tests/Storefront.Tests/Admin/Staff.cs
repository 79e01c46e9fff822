using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Storefront.Features.Admin;
using Storefront.Tests.Support;

namespace Storefront.Tests.Admin;

/// <summary>A member of staff using the admin area over HTTP, with their own cookies, signed in through the form.</summary>
public sealed class Staff : IDisposable
{
    private Staff(HttpClient http) => Http = http;

    public HttpClient Http { get; }

    /// <summary>Creates an account in <paramref name="role"/> and signs it in.</summary>
    public static async Task<Staff> SignInAsync(StoreFactory store, string role = StaffRoles.Admin)
    {
        var (email, password) = await CreateAsync(store, role);
        var staff = new Staff(store.CreateBrowserClient());
        var response = await staff.SubmitSignInAsync(email, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return staff;
    }

    public static async Task<(string Email, string Password)> CreateAsync(StoreFactory store, string role)
    {
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@wanderlink.example";
        var password = StaffAccounts.NewPassword();
        await using var scope = store.Services.CreateAsyncScope();
        Assert.Empty(await scope.ServiceProvider.GetRequiredService<StaffAccounts>().CreateAsync(email, role, password));
        return (email, password);
    }

    /// <summary>An anonymous browser on the admin area.</summary>
    public static Staff Anonymous(StoreFactory store) => new(store.CreateBrowserClient());

    public async Task<HttpResponseMessage> SubmitSignInAsync(string email, string password, string? returnUrl = null)
    {
        var form = await GetPageAsync("/admin/signin" + (returnUrl is null ? "" : "?returnUrl=" + Uri.EscapeDataString(returnUrl)));
        return await PostFormAsync(form, "#signin-form", new() { ["Email"] = email, ["Password"] = password });
    }

    public async Task<IHtmlDocument> GetPageAsync(string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await Http.GetAsync(path);
        Assert.True(expected == response.StatusCode, $"GET {path}: expected {expected}, got {(int)response.StatusCode} {response.Headers.Location}");
        return await Shopper.ParseAsync(response);
    }

    /// <summary>Posts the form <paramref name="selector"/> of <paramref name="page"/>: its hidden fields (the anti-forgery
    /// token among them) with <paramref name="fields"/> filled in.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(IHtmlDocument page, string selector, Dictionary<string, string> fields)
    {
        var form = page.QuerySelector(selector) ?? throw new InvalidOperationException($"No form {selector} on the page.");
        var values = form.QuerySelectorAll("input[type=hidden]").OfType<IHtmlInputElement>()
            .ToDictionary(i => i.Name!, i => i.Value);
        foreach (var (name, value) in fields) values[name] = value;
        return await Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(values));
    }

    public void Dispose() => Http.Dispose();
}
