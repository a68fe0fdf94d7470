using MentionWatch.Server.Sources;

namespace MentionWatch.Server.Api;

/// <summary>A stretch in which polls were overdue by more than two intervals (or a stream was disconnected); <c>to</c> is null while it lasts.</summary>
public sealed record SourceGapDto(DateTimeOffset From, DateTimeOffset? To, double Seconds);

/// <summary>Health of one watch (or feed) of a source.</summary>
public sealed record SourceWatchStatusDto(
    string Name, SourceState State, DateTimeOffset? LastSuccessAt, DateTimeOffset? LastErrorAt, string? LastError, long PostsFetched,
    double? LagSeconds, int PostsLastHour, int ConsecutiveFailures, IReadOnlyList<SourceGapDto> Gaps, string? PermanentFailure);

/// <summary>Health of one source: the fields every source has had, plus per-hour counts, failures, gaps and its watches.</summary>
public sealed record SourceStatusDto(
    string Name, SourceState State, DateTimeOffset? LastSuccessAt, DateTimeOffset? LastErrorAt, string? LastError, long PostsFetched,
    double? LagSeconds, int PostsLastHour, int ConsecutiveFailures, IReadOnlyList<SourceGapDto> Gaps, string? PermanentFailure,
    IReadOnlyList<SourceWatchStatusDto> Watches);

public sealed record SourcesDto(IReadOnlyList<SourceStatusDto> Sources, PipelineTotalsDto Pipeline);

internal static class SourceDtoMapping
{
    public static SourceStatusDto ToDto(this SourceStatus s) => new(
        s.Name, s.State, s.LastSuccessAt, s.LastErrorAt, s.LastError, s.PostsFetched, s.Lag?.TotalSeconds, s.PostsLastHour,
        s.ConsecutiveFailures, s.Gaps.Select(ToDto).ToList(), s.PermanentFailure, s.Watches.Select(ToDto).ToList());

    private static SourceWatchStatusDto ToDto(SourceTargetStatus w) => new(
        w.Name, w.State, w.LastSuccessAt, w.LastErrorAt, w.LastError, w.PostsFetched, w.Lag?.TotalSeconds, w.PostsLastHour,
        w.ConsecutiveFailures, w.Gaps.Select(ToDto).ToList(), w.PermanentFailure);

    private static SourceGapDto ToDto(SourceGap g) => new(g.From, g.To, Math.Round(g.Length.TotalSeconds, 1));
}
