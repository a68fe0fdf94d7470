namespace MentionWatch.Core.Storage;

/// <summary>
/// Mention ids carry their post's time: (createdAt unix ms) &lt;&lt; 10 | sequence. Ordering by id is therefore
/// ordering by createdAt then arrival, time filters are id ranges, and every id stays below 2^53 (safe as a JSON
/// number) until the year 2248. More than 1,024 posts in one millisecond spill into the next millisecond's ids.
/// Store-neutral: every backend allocates ids this way, so ids, page cursors and time filters mean the same on each.
/// </summary>
public static class MentionIds
{
    public const int SequenceBits = 10;
    public const long SequenceMask = (1L << SequenceBits) - 1;

    /// <summary>The lowest id a post created at <paramref name="time"/> can get.</summary>
    public static long Floor(DateTimeOffset time) => Math.Max(0, time.ToUnixTimeMilliseconds()) << SequenceBits;

    public static DateTimeOffset TimeOf(long id) => DateTimeOffset.FromUnixTimeMilliseconds(id >> SequenceBits);

    /// <summary>
    /// The lowest free id for a post created at <paramref name="createdAt"/>. <paramref name="highestUsedIn"/> answers
    /// "the highest id stored in [floor, ceiling], or null" from the backend; a full millisecond spills into the next.
    /// Callers serialise allocation (SQLite: the single writer), so two posts never get the same answer.
    /// </summary>
    public static long Allocate(DateTimeOffset createdAt, Func<long, long, long?> highestUsedIn)
    {
        ArgumentNullException.ThrowIfNull(highestUsedIn);
        var floor = Floor(createdAt);
        // Bounded: 10,000 full milliseconds in a row is not a real feed.
        for (var attempt = 0; attempt < 10_000; attempt++, floor += SequenceMask + 1)
        {
            var ceiling = floor | SequenceMask;
            if (highestUsedIn(floor, ceiling) is not { } used) return floor;
            if (used < ceiling) return used + 1;
        }
        throw new InvalidOperationException($"No free mention id near {createdAt:O}.");
    }
}
