using MentionWatch.Core.Domain;

namespace MentionWatch.Server.Pipeline;

/// <summary>A watch was created or replaced (<see cref="Watch"/> set) or deleted (null).</summary>
internal sealed record WatchChange(string Name, Watch? Watch)
{
    public bool IsDeleted => Watch is null;
}

/// <summary>
/// Something that must follow the watch list: the matcher, the re-matcher, the source schedulers. Told in
/// registration order after the store has the change, so each sees the store as it now is.
/// </summary>
internal interface IWatchChangeListener
{
    Task OnWatchChangedAsync(WatchChange change, CancellationToken cancellationToken);
}
