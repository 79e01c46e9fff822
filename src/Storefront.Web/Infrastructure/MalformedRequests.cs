using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace Storefront.Infrastructure;

/// <summary>
/// A request the store cannot read is the client's error (400), never the store's (500): a form over ASP.NET's limits
/// or with a broken multipart body, a truncated body, form keys in jQuery's bracket syntax, or text with control
/// characters (PostgreSQL refuses a NUL in any text, so one in a field would otherwise fail deep in a query).
/// </summary>
public static class MalformedRequests
{
    /// <summary>The store's forms post plain names; jQuery's <c>a[b]</c> syntax is never used, and its reader throws on
    /// an unbalanced bracket instead of reporting a model error.</summary>
    public static void RefuseMalformedInput(this MvcOptions options)
    {
        options.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
        options.ValueProviderFactories.RemoveType<JQueryQueryStringValueProviderFactory>();
        options.ModelBinderProviders.Insert(0, new PlainTextBinderProvider());
    }

    /// <summary>Place inside the status-code pages, so the 400 gets the friendly page.</summary>
    public static IApplicationBuilder UseMalformedRequestsAsBadRequest(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (ClientErrorStatus(e) is { } status && !context.Response.HasStarted)
        {
            context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MalformedRequests))
                .LogInformation("Refused a malformed {Method} request to {Route}: {Reason}", context.Request.Method,
                    (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText ?? "an unknown route", e.Message);
            context.Response.Clear();
            context.Response.StatusCode = status;
        }
    });

    /// <summary>Kestrel's own refusals (body too large, truncated, bad chunking) carry their status; the form reader's
    /// limits (value count, key and value length, multipart sections) throw <see cref="InvalidDataException"/>.</summary>
    private static int? ClientErrorStatus(Exception e) => e switch
    {
        BadHttpRequestException bad => bad.StatusCode,
        InvalidDataException => StatusCodes.Status400BadRequest,
        _ => null,
    };

    public static bool HasControlCharacters(string text) => text.Any(c => char.IsControl(c) && c is not ('\t' or '\r' or '\n'));

    private sealed class PlainTextBinderProvider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
            context.Metadata.ModelType == typeof(string) && context.BindingInfo.BindingSource != BindingSource.Body
                ? new PlainTextBinder(new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>()))
                : null;
    }

    /// <summary>Leaves a string with control characters unbound (null) and reports it on its field.</summary>
    private sealed class PlainTextBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (bindingContext.Result.Model is string text && HasControlCharacters(text))
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, "Remove the invisible control characters from this field.");
                bindingContext.Result = ModelBindingResult.Failed();
            }
        }
    }
}
