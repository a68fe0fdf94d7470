using MentionWatch.Storage.Elasticsearch;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MentionWatch.Server.Storage.Elasticsearch;

/// <summary>
/// /readyz on the Elasticsearch provider: the cluster answers as Elasticsearch, is not red, and still has every index,
/// data stream and template the store needs. Yellow is degraded (ready, but a node loss could lose data). The
/// description says what to fix (credentials, a privilege, a red cluster, a missing index) and is logged when it changes.
/// </summary>
internal sealed partial class ElasticsearchHealthCheck(ElasticsearchStore store, ILogger<ElasticsearchHealthCheck> logger) : IHealthCheck
{
    public const string Name = "elasticsearch";

    private readonly ElasticsearchClusterHealth _health = new(store);
    private string? _lastDescription;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var report = await _health.CheckAsync(cancellationToken);
        if (Interlocked.Exchange(ref _lastDescription, report.Description) != report.Description && report.Readiness != ClusterReadiness.Healthy)
            LogNotReady(report.Readiness, report.Description);
        return report.Readiness switch
        {
            ClusterReadiness.Healthy => HealthCheckResult.Healthy(report.Description, report.Data),
            ClusterReadiness.Degraded => HealthCheckResult.Degraded(report.Description, data: report.Data),
            _ => HealthCheckResult.Unhealthy(report.Description, data: report.Data),
        };
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Elasticsearch readiness {Readiness}: {Description}")]
    private partial void LogNotReady(ClusterReadiness readiness, string description);
}
