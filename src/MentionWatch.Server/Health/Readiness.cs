using MentionWatch.Server.Pipeline;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace MentionWatch.Server.Health;

/// <summary>Set by start-up once the store is open and migrated.</summary>
internal sealed class StoreReadiness
{
    private volatile bool _open;
    public bool IsOpen => _open;
    public void MarkOpen() => _open = true;
}

/// <summary>/readyz: the store is open and the models are loaded.</summary>
internal sealed class ReadinessCheck(StoreReadiness store, IMentionClassifier classifier) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["store"] = store.IsOpen, ["models"] = classifier.IsReady };
        return Task.FromResult(store.IsOpen && classifier.IsReady
            ? HealthCheckResult.Healthy("Store open and models loaded.", data)
            : HealthCheckResult.Unhealthy($"Store open: {store.IsOpen}; models loaded: {classifier.IsReady}.", data: data));
    }
}
