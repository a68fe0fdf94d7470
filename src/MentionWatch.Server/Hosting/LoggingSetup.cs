using MentionWatch.Server.Auth;
using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;

namespace MentionWatch.Server.Hosting;

/// <summary>
/// Serilog to the console: readable text by default, compact JSON (one object per line, <c>@t</c>/<c>@mt</c>/<c>@m</c>) when
/// <c>Log:Format</c> is <c>json</c> (for log shippers). Levels come from the <c>Serilog</c> section when present.
/// </summary>
internal static class LoggingSetup
{
    /// <summary>The request log line; the key's configured name, never the key, and the path without its query.</summary>
    public const string RequestTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms for key {KeyName}";

    public static void AddMentionWatchLogging(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var logger = new LoggerConfiguration()
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .MinimumLevel.Override("Quartz", LogEventLevel.Warning)
            // Start failures are logged by RunMentionWatchAsync, one line per problem, instead of one stack trace.
            .MinimumLevel.Override("Microsoft.Extensions.Hosting.Internal.Host", LogEventLevel.Fatal)
            // The request log keeps Information whatever Microsoft.AspNetCore is set to.
            .MinimumLevel.Override("Serilog.AspNetCore.RequestLoggingMiddleware", LogEventLevel.Information)
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext();
        var json = string.Equals(configuration["Log:Format"], "json", StringComparison.OrdinalIgnoreCase);
        logger = json
            ? logger.WriteTo.Console(new RenderedCompactJsonFormatter())
            : logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}", formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        builder.Logging.ClearProviders();
        // Registers Serilog as the logger factory and the DiagnosticContext the request logging middleware needs.
        var serilog = logger.CreateLogger();
        builder.Services.AddSerilog(serilog, dispose: true);
        builder.Services.AddSingleton<Serilog.ILogger>(serilog);
    }

    /// <summary>One line per request (Serilog.AspNetCore); health probes never and successful scrapes only at Debug, or they would drown everything else.</summary>
    public static WebApplication UseMentionWatchRequestLogging(this WebApplication app)
    {
        app.UseSerilogRequestLogging(o =>
        {
            // Without it the middleware writes to the static Log.Logger, which this host never sets.
            o.Logger = app.Services.GetRequiredService<Serilog.ILogger>();
            o.MessageTemplate = RequestTemplate;
            o.IncludeQueryInRequestPath = false;
            o.GetLevel = (context, _, error) => IsHealthProbe(context.Request.Path)
                ? LogEventLevel.Verbose
                : context.Request.Path.StartsWithSegments("/metrics", StringComparison.Ordinal) && context.Response.StatusCode < 400
                ? LogEventLevel.Debug
                : error is not null || context.Response.StatusCode >= 500 ? LogEventLevel.Error : LogEventLevel.Information;
            // Runs after the endpoint, when the API key filter has named the caller.
            o.EnrichDiagnosticContext = (diagnostics, context) => diagnostics.Set("KeyName", ApiCaller.Of(context)?.Name ?? "-");
        });
        return app;
    }

    private static bool IsHealthProbe(PathString path) =>
        path.StartsWithSegments("/healthz", StringComparison.Ordinal) || path.StartsWithSegments("/readyz", StringComparison.Ordinal);
}
