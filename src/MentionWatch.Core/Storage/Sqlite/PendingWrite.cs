namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>
/// One caller's batch waiting for the writer. A batch is claimed by the writer or cancelled by its caller,
/// never both, so a cancelled call is guaranteed not to be stored later.
/// </summary>
internal sealed class PendingWrite(PreparedMention[] mentions, IReadOnlyList<SourceCursor> cursors)
{
    private const int Queued = 0, Claimed = 1, Cancelled = 2;
    private readonly TaskCompletionSource<StoreBatchResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _state;

    public PreparedMention[] Mentions { get; } = mentions;
    public IReadOnlyList<SourceCursor> Cursors { get; } = cursors;
    public Task<StoreBatchResult> Task => _completion.Task;

    public bool TryClaim() => Interlocked.CompareExchange(ref _state, Claimed, Queued) == Queued;
    public bool TryCancel() => Interlocked.CompareExchange(ref _state, Cancelled, Queued) == Queued;
    public void Complete(StoreBatchResult result) => _completion.TrySetResult(result);
    public void Fail(Exception error) => _completion.TrySetException(error);
}
