namespace MentionWatch.Classification;

/// <summary>
/// The classifier's verdict on one post: detected language ("en", "ru" or "other"), sentiment label
/// ("negative", "neutral" or "positive") with its three probabilities, and whether support should reply.
/// </summary>
public readonly record struct PostClassification(
    string Language,
    string Sentiment,
    float Negative,
    float Neutral,
    float Positive,
    bool NeedsReply,
    float NeedsReplyProbability);
