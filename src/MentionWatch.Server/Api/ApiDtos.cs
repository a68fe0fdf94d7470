using System.Text.Json.Serialization;

namespace MentionWatch.Server.Api;

/// <summary>A watch as the API reads and writes it.</summary>
public sealed record WatchDto
{
    public required string Name { get; init; }
    public required string Query { get; init; }
    public List<string> OwnHandles { get; init; } = [];
    public List<string> Competitors { get; init; } = [];
    /// <summary>What the watch does not count as a mention (reposts, copy-paste, blocked authors/domains, spam); absent keeps everything.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MentionWatch.Server.Pipeline.Noise.NoiseOptions? Noise { get; init; }
    /// <summary>Progress of re-matching stored mentions after the watch was created or changed (read only; absent when none ran).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MentionWatch.Server.Pipeline.RematchProgress? Rematch { get; init; }
    /// <summary>The watch's per-watch adaptation from corrections (read only; in GET /api/v1/watches/{name}).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MentionWatch.Server.Adaptation.AdaptationStatus? Adaptation { get; init; }
}

/// <summary>One post pushed to POST /api/v1/ingest.</summary>
public sealed class IngestPostDto
{
    public required string Source { get; init; }
    public required string Id { get; init; }
    public required string Text { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public string? Url { get; init; }
    public string? Lang { get; init; }
    public required AuthorDto Author { get; init; }
    public string? InReplyTo { get; init; }
    /// <summary>External id of the original post when this one is a repost/retweet.</summary>
    public string? RepostOf { get; init; }
    /// <summary>The source's thread id (on X the root tweet's id); links a brand's reply to the mention it answers.</summary>
    public string? ConversationId { get; init; }
}

public sealed class AuthorDto
{
    public string? Id { get; init; }
    public required string Handle { get; init; }
    public string? Name { get; init; }
    public long? Followers { get; init; }
}

public sealed record IngestRejectionDto(int Index, string Error);

public sealed record IngestResultDto(int Accepted, int Duplicates, IReadOnlyList<IngestRejectionDto> Rejected);

public sealed record SentimentDto(string Label, SentimentProbabilitiesDto Probabilities);

public sealed record SentimentProbabilitiesDto(float Negative, float Neutral, float Positive);

public sealed record NeedsReplyDto(bool Value, float Probability);

/// <summary>A stored mention as the API returns it.</summary>
public sealed record MentionDto(
    long Id,
    string Source,
    string ExternalId,
    string? Url,
    string Text,
    DateTimeOffset CreatedAt,
    string Lang,
    AuthorDto Author,
    IReadOnlyList<string> Watches,
    IReadOnlyList<string> BrandPostOf,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? InReplyTo,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RepostOf,
    SentimentDto Sentiment,
    NeedsReplyDto NeedsReply)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ConversationId { get; init; }

    /// <summary>new, assigned, replied, resolved or ignored.</summary>
    public string Triage { get; init; } = "new";
    public string? Team { get; init; }
    public string? Assignee { get; init; }
    /// <summary>The first brand reply by post time, or null while unanswered.</summary>
    public FirstReplyDto? FirstReply { get; init; }

    /// <summary>Only with <c>?explain=true</c>: why the models scored it so (as GET .../explain).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ExplanationDto? Explanation { get; init; }
}

/// <summary>A brand reply linked to a mention: the reply's mention id, its post time, and seconds after the mention.</summary>
public sealed record FirstReplyDto(long Id, DateTimeOffset At, double Seconds);

public sealed record MentionPageDto(IReadOnlyList<MentionDto> Items, string? NextCursor);

public sealed record TrendBucketDto(DateTimeOffset Start, long Total, IReadOnlyDictionary<string, long> Counts);

public sealed record TrendsDto(string? Watch, DateTimeOffset From, DateTimeOffset To, string Interval, string GroupBy, IReadOnlyList<TrendBucketDto> Buckets)
{
    /// <summary>Campaigns overlapping the period (of the watches asked for, or of any watch).</summary>
    public IReadOnlyList<CampaignDto> Campaigns { get; init; } = [];
}

public sealed record WatchShareDto(string Watch, long Mentions, double Share, IReadOnlyDictionary<string, long> Sentiment);

public sealed record ShareOfVoiceDto(DateTimeOffset? From, DateTimeOffset? To, long Total, IReadOnlyList<WatchShareDto> Watches);

/// <summary>Pipeline totals since start: posts stored, duplicates skipped, posts the pipeline rejected (invalid or failed in a stage), posts whose store write failed.</summary>
public sealed record PipelineTotalsDto(long Accepted, long Duplicates, long Rejected, long StoreFailures);

