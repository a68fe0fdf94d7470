namespace MentionWatch.Core.Domain;

/// <summary>Sentiment label with the probability of each class.</summary>
public sealed record SentimentScore(string Label, float Negative, float Neutral, float Positive);

/// <summary>Whether the brand's support team should answer, with the model's probability.</summary>
public sealed record NeedsReplyScore(bool Value, float Probability);

/// <summary>
/// A post after the pipeline: matched to watches and classified. <see cref="Id"/> is 0 until the store assigns one.
/// </summary>
public sealed record Mention(
    long Id,
    Post Post,
    string Lang,
    IReadOnlyList<string> Watches,
    IReadOnlyList<string> BrandPostOf,
    SentimentScore Sentiment,
    NeedsReplyScore NeedsReply,
    DateTimeOffset SeenAt)
{
    /// <summary>
    /// The store's arrival sequence: strictly increasing in the order mentions were stored (ids follow post time, not
    /// arrival). 0 until stored. Consumers after the store (alert evaluation) keep their durable position in it.
    /// </summary>
    public long Arrival { get; init; }

    /// <summary>Triage state, team and first brand reply as stored; null until the store has seen the mention.</summary>
    public MentionSupport? Support { get; init; }
}
