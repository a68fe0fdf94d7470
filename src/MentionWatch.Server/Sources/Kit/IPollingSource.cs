using MentionWatch.Core.Domain;

namespace MentionWatch.Server.Sources.Kit;

/// <summary>
/// A source that is polled on a schedule: the kit's <see cref="PollScheduleJob"/> asks it for its targets (one per
/// watch, or one per feed), runs one <see cref="PollJob"/> per target every <see cref="PollInterval"/>, and
/// <see cref="PollRunner"/> calls <see cref="FetchAsync"/> with the stored cursor.
/// </summary>
internal interface IPollingSource
{
    /// <summary>Source name: stored on every post, prefix of the cursor keys, the name in /sources (e.g. <c>x</c>).</summary>
    string Name { get; }

    /// <summary>Name for messages (e.g. <c>X</c>, <c>Hacker News</c>).</summary>
    string DisplayName { get; }

    /// <summary>Null when the source should poll; otherwise why it is disabled (shown in /sources, nothing is called).</summary>
    string? DisabledReason { get; }

    TimeSpan PollInterval { get; }

    /// <summary>What to poll now; re-read every interval, so watches added or deleted through the API converge.</summary>
    Task<PollPlan> PlanAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Fetches everything since <paramref name="cursor"/> (null on the first poll). Throws when a page cannot be
    /// fetched or read: nothing of this poll is submitted and the cursor stays where it was.
    /// </summary>
    Task<PollFetch> FetchAsync(PollTarget target, string? cursor, CancellationToken cancellationToken);
}

/// <summary>One thing polled on its own schedule and cursor: a watch, or a feed.</summary>
/// <param name="Id">Stable id: job key and cursor key suffix (<c>{source}:{id}</c>).</param>
/// <param name="Query">What the source sends (a translated query, a feed URL).</param>
/// <param name="Label">How messages name it, e.g. <c>watch 'acme'</c>.</param>
internal sealed record PollTarget(string Id, string Query, string Label);

/// <summary>A watch that is not polled by this source, and why.</summary>
/// <param name="IsProblem">False when the watch simply targets other sources (<c>source:</c>); true when it shows as degraded.</param>
internal sealed record SkippedTarget(string Id, string Reason, bool IsProblem);

internal sealed record PollPlan(IReadOnlyList<PollTarget> Targets, IReadOnlyList<SkippedTarget> Skipped)
{
    public static readonly PollPlan Empty = new([], []);
}

/// <summary>What one poll fetched: posts (any order) and the cursor that resumes after them.</summary>
/// <param name="Cursor">Null or unchanged when there is nothing to remember.</param>
internal sealed record PollFetch(IReadOnlyList<Post> Posts, string? Cursor, int Pages = 1, int Skipped = 0);
