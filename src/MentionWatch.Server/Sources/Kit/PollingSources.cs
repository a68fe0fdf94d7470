using Microsoft.Extensions.DependencyInjection;

namespace MentionWatch.Server.Sources.Kit;

/// <summary>A polling source's contribution to the host's one scheduler: its name and how to resolve it.</summary>
internal sealed record PollingSourceRegistration(string Name, Type SourceType);

/// <summary>A streaming source registered with <c>AddStreamingSource</c> (flatline rules list the enabled ones).</summary>
internal sealed record StreamingSourceRegistration(Type SourceType);

/// <summary>Every registered polling source, resolved when first asked for (after options validation).</summary>
internal sealed class PollingSources(IEnumerable<PollingSourceRegistration> registrations, IServiceProvider services)
{
    private readonly Lazy<IReadOnlyDictionary<string, IPollingSource>> _all = new(() =>
        registrations.DistinctBy(r => r.Name).ToDictionary(
            r => r.Name, r => (IPollingSource)services.GetRequiredService(r.SourceType), StringComparer.OrdinalIgnoreCase));

    public IEnumerable<IPollingSource> All => _all.Value.Values;

    public IPollingSource? Get(string name) => _all.Value.GetValueOrDefault(name);
}
