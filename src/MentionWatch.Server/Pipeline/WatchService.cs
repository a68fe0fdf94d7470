using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;

namespace MentionWatch.Server.Pipeline;

/// <summary>
/// The one way watches change at runtime: the store is written, then every <see cref="IWatchChangeListener"/> is told,
/// so the API does not need to know who follows the watch list. Names ignore case; the stored spelling wins.
/// </summary>
internal sealed partial class WatchService(IWatchStore store, IEnumerable<IWatchChangeListener> listeners, ILogger<WatchService> logger)
{
    public Task<IReadOnlyList<Watch>> ListAsync(CancellationToken cancellationToken) => store.ListWatchesAsync(cancellationToken);

    public Task<Watch?> FindAsync(string name, CancellationToken cancellationToken) => store.FindWatchAsync(name, cancellationToken);

    /// <summary>Creates or replaces the watch (keeping a stored name's spelling); true when it was created.</summary>
    public async Task<(bool Created, Watch Saved)> SaveAsync(Watch watch, CancellationToken cancellationToken)
    {
        if (await FindAsync(watch.Name, cancellationToken) is { } existing) watch = watch with { Name = existing.Name };
        var created = await store.UpsertWatchAsync(watch, cancellationToken);
        await AnnounceAsync(new WatchChange(watch.Name, watch), cancellationToken);
        return (created, watch);
    }

    /// <summary>Deletes the watch named (ignoring case); false when there was none.</summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken)
    {
        if (await FindAsync(name, cancellationToken) is not { } existing || !await store.DeleteWatchAsync(existing.Name, cancellationToken)) return false;
        await AnnounceAsync(new WatchChange(existing.Name, null), cancellationToken);
        return true;
    }

    private async Task AnnounceAsync(WatchChange change, CancellationToken cancellationToken)
    {
        foreach (var listener in listeners)
        {
            try
            {
                await listener.OnWatchChangedAsync(change, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The change is stored; one follower failing must not hide it from the others (each also reconciles on its own).
                LogListenerFailed(listener.GetType().Name, change.Name, ex.Message);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Listener} could not follow the change of watch {Watch}: {Reason}")]
    private partial void LogListenerFailed(string listener, string watch, string reason);
}
