using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Api;

namespace MentionWatch.Server.Support;

/// <summary>
/// Response-time figures of needs-reply mentions: the share answered within 1, 6 and 24 hours (of all of them, so an
/// unanswered mention counts against every share), the median and 90th percentile (nearest rank) of first-response
/// seconds over the answered ones, and the resolution rate (resolved / all). Fractions are rounded to 3 decimals.
/// </summary>
internal static class ResponseFigures
{
    /// <summary>Seconds from the mention to its first reply, on the wall clock or inside the team's business hours; null when unanswered.</summary>
    public static double? Seconds(ResponseRow row, Func<string?, Alerting.Routing.TimeWindow?> hoursOf) =>
        row.FirstReply is { } reply ? Math.Round(BusinessClock.Elapsed(hoursOf(row.Team), row.CreatedAt, reply.At).TotalSeconds, 3) : null;

    public static ResponseFiguresDto Compute(IReadOnlyList<(ResponseRow Row, double? Seconds)> rows)
    {
        var count = rows.Count;
        var answered = rows.Where(r => r.Seconds is not null).Select(r => r.Seconds!.Value).Order().ToList();
        var resolved = rows.Count(r => r.Row.Triage == TriageStates.Resolved);
        return new ResponseFiguresDto(count, answered.Count, count - answered.Count,
            new AnsweredWithinDto(Share(answered.Count(s => s <= 3600), count), Share(answered.Count(s => s <= 6 * 3600), count),
                Share(answered.Count(s => s <= 24 * 3600), count)),
            Median(answered), Percentile(answered, 0.9), resolved, Share(resolved, count));
    }

    public static double? Share(int part, int whole) => whole == 0 ? null : Math.Round((double)part / whole, 3);

    public static double? Median(IReadOnlyList<double> sorted) => sorted.Count == 0 ? null
        : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
        : Math.Round((sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2, 3);

    /// <summary>Nearest rank: the smallest value with at least <paramref name="p"/> of the values at or below it.</summary>
    public static double? Percentile(IReadOnlyList<double> sorted, double p) =>
        sorted.Count == 0 ? null : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
}
