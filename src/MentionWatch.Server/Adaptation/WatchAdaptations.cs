using MentionWatch.Classification.Adaptation;

namespace MentionWatch.Server.Adaptation;

/// <summary>
/// The adaptations in force, by stored watch name, read by every classify worker. Changes publish a new dictionary
/// (copy on write), so readers never lock and an unadapted service pays one count check per mention.
/// </summary>
internal sealed class WatchAdaptations
{
    private readonly Lock _write = new();
    private volatile Dictionary<string, ClassifierAdaptation> _active = new(StringComparer.Ordinal);
    private volatile Dictionary<string, AdaptationStatus> _status = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The adaptation for a mention matched to <paramref name="watches"/>: only when it matches exactly one watch and that
    /// watch is adapted. A mention stores one score, so with two watches either one's corrections would change the other's.
    /// </summary>
    public ClassifierAdaptation? For(IReadOnlyList<string> watches)
    {
        var active = _active;
        return active.Count > 0 && watches.Count == 1 && active.TryGetValue(watches[0], out var adaptation) ? adaptation : null;
    }

    public AdaptationStatus StatusOf(string watch) => _status.GetValueOrDefault(watch) ?? AdaptationStatus.NoneYet;

    /// <summary>Records a watch's status and, when active, the adaptation applied to its new mentions (null removes it).</summary>
    public void Set(string watch, AdaptationStatus status, ClassifierAdaptation? adaptation)
    {
        lock (_write)
        {
            var active = new Dictionary<string, ClassifierAdaptation>(_active, StringComparer.Ordinal);
            if (adaptation is null) active.Remove(watch);
            else active[watch] = adaptation;
            var statuses = new Dictionary<string, AdaptationStatus>(_status, StringComparer.OrdinalIgnoreCase) { [watch] = status };
            _active = active;
            _status = statuses;
        }
    }

    /// <summary>Forgets the watch: its new mentions get the shipped scores.</summary>
    public void Remove(string watch)
    {
        lock (_write)
        {
            var active = new Dictionary<string, ClassifierAdaptation>(_active, StringComparer.Ordinal);
            active.Remove(watch);
            var statuses = new Dictionary<string, AdaptationStatus>(_status, StringComparer.OrdinalIgnoreCase);
            statuses.Remove(watch);
            _active = active;
            _status = statuses;
        }
    }
}
