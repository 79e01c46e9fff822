using Serilog;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace Storefront.Infrastructure;

public static class LoggingExtensions
{
    /// <summary>
    /// Serilog to the console: readable text by default, one JSON object per line with Logging:Format=json. Levels come
    /// from the "Serilog" section. Logs carry ids (order number, ICCID tail), never secrets, activation codes or payloads.
    /// </summary>
    public static WebApplicationBuilder AddStorefrontLogging(this WebApplicationBuilder builder)
    {
        var json = string.Equals(builder.Configuration["Logging:Format"], "json", StringComparison.OrdinalIgnoreCase);
        // Serilog is the only logger factory; other ILoggerProviders registered in the container (none by default,
        // tests add one) receive its events. The static Log.Logger is left alone: it belongs to the process, while
        // several stores may run in one (tests).
        builder.Logging.ClearProviders();
        builder.Services.AddSerilog((services, logger) =>
        {
            logger.MinimumLevel.Information()
                // Framework chatter stays out: ASP.NET Core's own request lines carry raw URLs, order tokens among them.
                .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                .MinimumLevel.Override("System.Net.Http.HttpClient", LogEventLevel.Warning)
                .ReadFrom.Configuration(services.GetRequiredService<IConfiguration>())
                .Enrich.FromLogContext()
                .Enrich.With<DropRequestPath>();
            if (json)
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            else
                logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}");
        }, preserveStaticLogger: true, writeToProviders: true);
        return builder;
    }

    /// <summary>
    /// One line per request: method, route, status, time. The route is the endpoint's template, and no other property
    /// carries the path, so order tokens never reach the log, not even as a JSON field.
    /// </summary>
    public static IApplicationBuilder UseRequestLogging(this WebApplication app) => app.UseSerilogRequestLogging(options =>
    {
        // Without a logger of its own the middleware writes to the static Log.Logger, which this store does not own.
        options.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
        options.MessageTemplate = "HTTP {RequestMethod:l} {Route:l} responded {StatusCode} in {Elapsed:0.0} ms";
        options.GetMessageTemplateProperties = (context, _, elapsed, statusCode) =>
        [
            new LogEventProperty("RequestMethod", new ScalarValue(context.Request.Method)),
            new LogEventProperty("Route", new ScalarValue(RouteOf(context))),
            new LogEventProperty("StatusCode", new ScalarValue(statusCode)),
            new LogEventProperty("Elapsed", new ScalarValue(elapsed)),
        ];
    });

    /// <summary>Requests that matched no endpoint (static files, 404s) keep their path, except under /orders/.</summary>
    private static string? RouteOf(HttpContext context) =>
        (context.GetEndpoint() as RouteEndpoint)?.RoutePattern.RawText is { } template
            ? "/" + template.TrimStart('/')
            : context.Request.Path.StartsWithSegments("/orders") ? "/orders/…" : context.Request.Path.Value;

    /// <summary>
    /// ASP.NET Core puts the raw request path into the logging scope of every request, so any event logged while
    /// serving /orders/{token} would carry the token as a property (shown by the JSON format). The request line
    /// names the route instead, and RequestId still ties an event to its request.
    /// </summary>
    private sealed class DropRequestPath : ILogEventEnricher
    {
        public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory) => logEvent.RemovePropertyIfPresent("RequestPath");
    }
}
