namespace MentionWatch.Testing;

/// <summary>
/// Polls for an asynchronous result (a post stored, a line logged, a process ready) until it shows or a timeout passes.
/// For results only: behaviour that depends on time passing is driven by a FakeTimeProvider, never waited for here.
/// </summary>
public static class Wait
{
    /// <summary>How long a wait lasts unless told: generous, because a loaded CI machine is slow, and a pass returns at once.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(20);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>Waits until <paramref name="condition"/> holds.</summary>
    /// <param name="what">What is awaited, as the end of "timed out after 20 s waiting for: ...".</param>
    /// <exception cref="TimeoutException">The condition did not hold within the timeout.</exception>
    public static async Task ForAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var limit = timeout ?? DefaultTimeout;
        var started = TimeProvider.System.GetTimestamp();
        while (!await condition().ConfigureAwait(false))
        {
            if (TimeProvider.System.GetElapsedTime(started) > limit) throw new TimeoutException($"timed out after {limit.TotalSeconds:0.#} s waiting for: {what}");
            await Task.Delay(PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc cref="ForAsync(Func{Task{bool}}, string, TimeSpan?, CancellationToken)"/>
    public static Task ForAsync(Func<bool> condition, string what, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ForAsync(() => Task.FromResult(condition()), what, timeout, cancellationToken);

    /// <summary>Reads <paramref name="read"/> until its value satisfies <paramref name="done"/>, and returns that value.</summary>
    public static async Task<T> ForValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what, TimeSpan? timeout = null, CancellationToken cancellationToken = default)
    {
        var value = default(T)!;
        await ForAsync(async () => done(value = await read().ConfigureAwait(false)), what, timeout, cancellationToken).ConfigureAwait(false);
        return value;
    }

    /// <inheritdoc cref="ForValueAsync{T}(Func{Task{T}}, Func{T, bool}, string, TimeSpan?, CancellationToken)"/>
    public static Task<T> ForValueAsync<T>(Func<T> read, Func<T, bool> done, string what, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
        ForValueAsync(() => Task.FromResult(read()), done, what, timeout, cancellationToken);
}
