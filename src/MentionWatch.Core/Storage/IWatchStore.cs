using MentionWatch.Core.Domain;

namespace MentionWatch.Core.Storage;

/// <summary>Watches persisted beside the mentions; configuration seeds them at start.</summary>
public interface IWatchStore
{
    Task<IReadOnlyList<Watch>> ListWatchesAsync(CancellationToken cancellationToken);
    Task<Watch?> GetWatchAsync(string name, CancellationToken cancellationToken);
    /// <summary>Creates or replaces; returns true when it was created.</summary>
    Task<bool> UpsertWatchAsync(Watch watch, CancellationToken cancellationToken);
    Task<bool> DeleteWatchAsync(string name, CancellationToken cancellationToken);
}
