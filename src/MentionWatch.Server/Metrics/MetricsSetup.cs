using MentionWatch.Server.Configuration;
using MentionWatch.Server.Hosting;
using OpenTelemetry.Metrics;

namespace MentionWatch.Server.Metrics;

/// <summary>
/// Prometheus text at <c>GET /metrics</c> through OpenTelemetry's Prometheus exporter: our meter, plus ASP.NET Core's own
/// (<c>http.server.request.duration</c>, Kestrel connections), which needs no extra instrumentation package on .NET 10.
/// </summary>
internal static class MetricsSetup
{
    public const string Path = "/metrics";

    public static IServiceCollection AddMentionWatchMetrics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddValidatedOptions<MetricsOptions>(MetricsOptions.Section);
        services.AddSingleton<MentionWatchMetrics>();
        services.AddDeferredHostedService<MentionWatchGauges>();
        if (!Enabled(configuration)) return services;
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(MentionWatchMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel")
            .AddPrometheusExporter());
        return services;
    }

    public static WebApplication MapMentionWatchMetrics(this WebApplication app)
    {
        if (!Enabled(app.Configuration)) return app;
        app.MapPrometheusScrapingEndpoint(Path, meterProvider: null, configureBranchedPipeline: branch => branch.UseMiddleware<MetricsAccess>(), optionsName: null)
            .ExcludeFromDescription();
        return app;
    }

    private static bool Enabled(IConfiguration configuration) => configuration.GetValue($"{MetricsOptions.Section}:Enabled", true);
}
