using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Sources.Kit.Streaming;

namespace MentionWatch.Server.Sources;

/// <summary>A source that is neither a kit polling source nor a single streaming source (Mastodon's per-instance streams) names itself when enabled.</summary>
internal sealed record SourceNameProbe(Func<IServiceProvider, string?> EnabledName);

/// <summary>The names of the sources that are configured to deliver (flatline rules are generated for these).</summary>
internal sealed class EnabledSources(
    PollingSources polling, IEnumerable<StreamingSourceRegistration> streams, IEnumerable<SourceNameProbe> probes, IServiceProvider services)
{
    public IReadOnlyList<string> Names()
    {
        var names = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var source in polling.All.Where(s => s.DisabledReason is null)) names.Add(source.Name);
        foreach (var stream in streams)
        {
            if (services.GetRequiredService(stream.SourceType) is IStreamingSource { DisabledReason: null } source) names.Add(source.Name);
        }

        foreach (var probe in probes)
        {
            if (probe.EnabledName(services) is { } name) names.Add(name);
        }

        return names.ToList();
    }
}
