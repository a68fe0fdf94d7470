using MentionWatch.Server.Api;
using MentionWatch.Server.Auth;
using MentionWatch.Server.Metrics;
using MentionWatch.Server.Dashboard;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Hosting;

/// <summary>Middleware and routes: health, Swagger, and the /api/v1 groups behind the API key.</summary>
public static class MentionWatchEndpoints
{
    public static WebApplication MapMentionWatch(this WebApplication app)
    {
        app.UseMentionWatchRequestLogging();
        app.UseMentionWatchHttp();
        app.UseSwagger();
        app.UseSwaggerUI();

        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false }).WithTags("Health");
        app.MapMentionWatchMetrics();
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") }).WithTags("Health");

        app.MapSessionApi();
        app.MapDashboard();

        var api = app.MapGroup("/api/v1").AddEndpointFilter<ApiKeyFilter>();
        api.MapWatchesApi()
            .MapAdaptationApi()
            .MapIngestApi()
            .MapMentionsApi()
            .MapTrendsApi()
            .MapExportApi()
            .MapSourcesApi()
            .MapAlertsApi()
            .MapAlertRulesApi()
            .MapNotifiersApi()
            .MapAuditApi()
            .MapAlertStreamApi()
            .MapTriageApi()
            .MapExplainApi()
            .MapCorrectionsApi()
            .MapResponseTimesApi()
            .MapAuthorsApi()
            .MapSupportEffectApi()
            .MapInsightsApi()
            .MapCampaignsApi();
        return app;
    }

    private static readonly Action<ILogger, string, Exception?> LogConfigurationProblem =
        LoggerMessage.Define<string>(LogLevel.Critical, new EventId(1, "ConfigurationProblem"), "Configuration problem: {Problem}");
    private static readonly Action<ILogger, string, Exception?> LogStopped =
        LoggerMessage.Define<string>(LogLevel.Critical, new EventId(2, "Stopped"), "MentionWatch stopped: {Error}");

    /// <summary>Runs the service; configuration problems are logged one per line and end the process with exit code 1.</summary>
    public static async Task<int> RunMentionWatchAsync(this WebApplication app)
    {
        // Resolved up front: a failed start disposes the service provider.
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("MentionWatch.Startup");
        try
        {
            await app.RunAsync();
            return 0;
        }
        catch (Exception ex) when (ConfigurationProblems(ex) is { Count: > 0 } problems)
        {
            foreach (var problem in problems) LogConfigurationProblem(logger, problem, null);
            return 1;
        }
        catch (Exception ex)
        {
            // E.g. a missing model file or an unwritable store directory: one clear line, not an unhandled crash.
            LogStopped(logger, ex.Message, ex);
            return 1;
        }
    }

    /// <summary>Every option failure inside <paramref name="ex"/>, whether one or many option types failed.</summary>
    public static IReadOnlyList<string> ConfigurationProblems(Exception ex) => ex switch
    {
        OptionsValidationException o => [.. o.Failures],
        AggregateException a => [.. a.InnerExceptions.SelectMany(ConfigurationProblems)],
        _ => [],
    };
}
