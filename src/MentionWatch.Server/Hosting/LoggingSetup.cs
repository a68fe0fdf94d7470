using Serilog;
using Serilog.Events;
using Serilog.Formatting.Json;

namespace MentionWatch.Server.Hosting;

/// <summary>
/// Serilog to the console: readable text by default, one JSON object per line when <c>Log:Format</c> is
/// <c>json</c> (for log shippers). Levels come from the <c>Serilog</c> section when present.
/// </summary>
internal static class LoggingSetup
{
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
            .ReadFrom.Configuration(configuration)
            .Enrich.FromLogContext();
        var json = string.Equals(configuration["Log:Format"], "json", StringComparison.OrdinalIgnoreCase);
        logger = json
            ? logger.WriteTo.Console(new JsonFormatter(renderMessage: true))
            : logger.WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}");
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger.CreateLogger(), dispose: true);
    }
}
