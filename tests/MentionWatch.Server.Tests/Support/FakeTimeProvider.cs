namespace MentionWatch.Server.Tests.Support;

/// <summary>
/// A clock that only moves when told. Timers due sooner than <see cref="AutoFireBelow"/> (retry and rate-limit
/// waits) fire at once and move the clock forward by their due time, recording it in <see cref="FiredDelays"/>;
/// longer ones (per-attempt timeouts) wait for <see cref="Advance"/>. So a test can check how long the code
/// waited without sleeping.
/// </summary>
internal sealed class FakeTimeProvider(DateTimeOffset start) : TimeProvider
{
    private readonly Lock _gate = new();
    private readonly List<FakeTimer> _timers = [];
    private readonly List<TimeSpan> _fired = [];
    private DateTimeOffset _now = start;

    public TimeSpan AutoFireBelow { get; set; } = TimeSpan.FromMinutes(5);

    public IReadOnlyList<TimeSpan> FiredDelays { get { lock (_gate) return _fired.ToArray(); } }

    public override DateTimeOffset GetUtcNow() { lock (_gate) return _now; }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public void Advance(TimeSpan by)
    {
        List<FakeTimer> due;
        lock (_gate)
        {
            _now += by;
            due = _timers.Where(t => t.DueAt <= _now).ToList();
            foreach (var t in due) _timers.Remove(t);
        }

        foreach (var t in due) t.Fire();
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new FakeTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    private void Schedule(FakeTimer timer, TimeSpan dueTime)
    {
        lock (_gate)
        {
            _timers.Remove(timer);
            if (dueTime == Timeout.InfiniteTimeSpan) return;
            if (dueTime >= AutoFireBelow)
            {
                timer.DueAt = _now + dueTime;
                _timers.Add(timer);
                return;
            }

            _now += dueTime;
            _fired.Add(dueTime);
        }

        // Fire off the caller's stack: Task.Delay must finish constructing before its callback runs.
        ThreadPool.QueueUserWorkItem(_ => timer.Fire());
    }

    private void Cancel(FakeTimer timer) { lock (_gate) _timers.Remove(timer); }

    private sealed class FakeTimer(FakeTimeProvider owner, TimerCallback callback, object? state) : ITimer
    {
        private bool _disposed;

        public DateTimeOffset DueAt { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (_disposed) return false;
            owner.Schedule(this, dueTime);
            return true;
        }

        public void Fire()
        {
            if (!_disposed) callback(state);
        }

        public void Dispose()
        {
            _disposed = true;
            owner.Cancel(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return default;
        }
    }
}
