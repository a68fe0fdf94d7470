using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace MentionWatch.Server.Tests.Support;

/// <summary>
/// The library's <see cref="FakeTimeProvider"/>, except that a timer due sooner than <see cref="FastForwardBelow"/>
/// (a retry backoff, a rate-limit wait, a short per-attempt timeout) moves the clock forward by its due time as soon as
/// it is set, and the wait is recorded in <see cref="FastForwarded"/>. Longer timers (a poll interval, an evaluation
/// tick, a 10-minute timeout) wait for <see cref="FakeTimeProvider.Advance"/>. So a retry test checks how long the code
/// chose to wait, without sleeping and without knowing when each wait starts.
/// </summary>
internal sealed class FastForwardingTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly ConcurrentQueue<TimeSpan> _fastForwarded = new();

    public TimeSpan FastForwardBelow { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The due times of the timers this clock ran forward over, in the order they were set.</summary>
    public IReadOnlyList<TimeSpan> FastForwarded => _fastForwarded.ToArray();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FastForwardingTimer(this, base.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        timer.Change(dueTime, period);
        return timer;
    }

    private void Scheduled(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan || dueTime >= FastForwardBelow) return;
        _fastForwarded.Enqueue(dueTime);
        // Off the caller's stack: Task.Delay must finish constructing before its callback runs.
        ThreadPool.QueueUserWorkItem(_ => Advance(dueTime));
    }

    private sealed class FastForwardingTimer(FastForwardingTimeProvider owner, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (!inner.Change(dueTime, period)) return false;
            owner.Scheduled(dueTime);
            return true;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
