using MentionWatch.Core.Domain;
using MentionWatch.Core.Matching;
using MentionWatch.Core.Storage;

namespace MentionWatch.Server.Pipeline;

/// <summary>
/// The current watches and the matcher built from them. Rebuilt whenever the watches change through the API;
/// the match stage always reads one consistent snapshot.
/// </summary>
internal sealed partial class WatchCatalog(IWatchStore store, ILogger<WatchCatalog> logger) : IWatchMatching, IWatchChangeListener
{
    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile WatchMatcher _matcher = new([]);
    // Replaced with the matcher on every reload; the noise step reads it per post, so it is a plain lookup.
    private volatile Dictionary<string, WatchNoise> _noise = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when some watch drops noise; lets the match stage skip the noise step entirely otherwise.</summary>
    public bool AnyNoise => _noise.Count > 0;

    /// <summary>The watch's noise rules, or null when it keeps everything it matches.</summary>
    public WatchNoise? NoiseOf(string watch) => _noise.GetValueOrDefault(watch);

    public async Task ReloadAsync(CancellationToken cancellationToken)
    {
        // Serialized so two API changes in quick succession cannot install an older list last.
        await _reload.WaitAsync(cancellationToken);
        try
        {
            var watches = await store.ListWatchesAsync(cancellationToken);
            _noise = watches.Where(w => w.Noise is { IsOff: false }).ToDictionary(w => w.Name, w => w.Noise!, StringComparer.OrdinalIgnoreCase);
            _matcher = new WatchMatcher(watches);
            LogReloaded(watches.Count);
        }
        finally
        {
            _reload.Release();
        }
    }

    public Task OnWatchChangedAsync(WatchChange change, CancellationToken cancellationToken) => ReloadAsync(cancellationToken);

    public WatchMatch Match(Post post)
    {
        var matcher = _matcher;
        var matched = matcher.Match(post);
        var brandOf = matcher.BrandPostOf(post);
        if (brandOf.Count == 0) return matched.Count == 0 ? WatchMatch.None : new WatchMatch(matched, []);
        // The brand's own post is not a mention of that brand.
        return new WatchMatch(matched.Where(w => !brandOf.Contains(w)).ToList(), brandOf);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Watches loaded: {WatchCount}")]
    private partial void LogReloaded(int watchCount);
}
