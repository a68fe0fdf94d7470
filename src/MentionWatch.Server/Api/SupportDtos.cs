namespace MentionWatch.Server.Api;

/// <summary>POST /api/v1/mentions/{id}/triage.</summary>
public sealed class TriageRequestDto
{
    /// <summary>assigned, replied, resolved, ignored or reopened.</summary>
    public required string State { get; init; }
    public string? Team { get; init; }
    public string? Assignee { get; init; }
    public string? Note { get; init; }
}

public sealed record TriageEntryDto(long Id, DateTimeOffset At, string? Who, string From, string To, string? Team, string? Assignee, string? Note);

public sealed record CorrectionDto(string Field, string OldValue, string NewValue, string? Who, DateTimeOffset At)
{
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Note { get; init; }
}

public sealed record MentionHistoryDto(long MentionId, string Triage, string? Team, string? Assignee, FirstReplyDto? FirstReply,
    IReadOnlyList<TriageEntryDto> History, IReadOnlyList<CorrectionDto> Corrections);

public sealed record AnsweredWithinDto(
    [property: System.Text.Json.Serialization.JsonPropertyName("1h")] double? Within1h,
    [property: System.Text.Json.Serialization.JsonPropertyName("6h")] double? Within6h,
    [property: System.Text.Json.Serialization.JsonPropertyName("24h")] double? Within24h);

/// <summary>Response-time figures of a set of needs-reply mentions.</summary>
public sealed record ResponseFiguresDto(
    int NeedsReply, int Answered, int Unanswered, AnsweredWithinDto AnsweredWithin, double? MedianSeconds, double? P90Seconds,
    int Resolved, double? ResolutionRate);

public sealed record ResponseBucketDto(DateTimeOffset Start, ResponseFiguresDto Figures);

public sealed record ResponseTimesDto(
    string? Watch, string? Team, string? Source, string? Lang, DateTimeOffset From, DateTimeOffset To, string Interval, string Clock,
    ResponseFiguresDto Total, IReadOnlyList<ResponseBucketDto> Buckets, IReadOnlyList<CampaignDto> Campaigns);

public sealed class CampaignDto
{
    public required string Name { get; init; }
    public List<string> Watches { get; init; } = [];
    public required DateTimeOffset Start { get; init; }
    public required DateTimeOffset End { get; init; }
}

public sealed record PeriodFiguresDto(DateTimeOffset From, DateTimeOffset To, long Mentions, long Negative, double? NegativeShare, ResponseFiguresDto Replies);

public sealed record CampaignReportDto(CampaignDto Campaign, PeriodFiguresDto During, PeriodFiguresDto Before, int BaselineWeeksBack);

public sealed class AuthorRefDto
{
    public required string Source { get; init; }
    public required string Handle { get; init; }
}

public sealed class AuthorLinkDto
{
    public required AuthorRefDto A { get; init; }
    public required AuthorRefDto B { get; init; }
}

public sealed record BrandReplyDto(long Id, DateTimeOffset At, double Seconds);

public sealed record AuthorMentionDto(MentionDto Mention, IReadOnlyList<BrandReplyDto> BrandReplies);

public sealed record AuthorSummaryDto(int Mentions, double? NegativeShare, int OpenItems, DateTimeOffset? LastContact, long? Followers);

public sealed record AuthorHistoryDto(AuthorRefDto Author, IReadOnlyList<AuthorRefDto> LinkedIdentities, AuthorSummaryDto Summary, IReadOnlyList<AuthorMentionDto> Mentions);

/// <summary>
/// Of the authors whose negative mention got a brand reply: how many posted positive or neutral after the reply, and
/// how many had before the mention.
/// </summary>
public sealed record SupportEffectDto(
    string? Watch, DateTimeOffset From, DateTimeOffset To, int Authors, int PositiveOrNeutralAfter, int PositiveOrNeutralBefore,
    double? ShareAfter, double? ShareBefore, SupportEffectCountsDto Counts);

public sealed record SupportEffectCountsDto(int RepliedNegativeMentions, int MentionsBefore, int PositiveOrNeutralMentionsBefore,
    int MentionsAfter, int PositiveOrNeutralMentionsAfter);
