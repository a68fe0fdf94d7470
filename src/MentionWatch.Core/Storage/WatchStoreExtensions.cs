using MentionWatch.Core.Domain;

namespace MentionWatch.Core.Storage;

public static class WatchStoreExtensions
{
    /// <summary>The stored watch whose name equals <paramref name="name"/> ignoring case (the exact spelling first), or null.</summary>
    public static async Task<Watch?> FindWatchAsync(this IWatchStore store, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        name = name.Trim();
        if (await store.GetWatchAsync(name, cancellationToken).ConfigureAwait(false) is { } exact) return exact;
        return (await store.ListWatchesAsync(cancellationToken).ConfigureAwait(false))
            .FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase));
    }
}
