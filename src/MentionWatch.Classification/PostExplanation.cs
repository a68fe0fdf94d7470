namespace MentionWatch.Classification;

/// <summary>One reason behind a score: a description an agent can read, the raw feature, and how far it pushed the decision.</summary>
/// <param name="Description">e.g. "the word 'refund'", "negation: not working", "a question addressed to @bank".</param>
/// <param name="Feature">the model's own feature name (w:, w:NOT_, b:, cw:, h:, s:), for debugging.</param>
/// <param name="Contribution">how much it raised the logit of the predicted label (larger = stronger).</param>
public sealed record ScoreReason(string Description, string Feature, float Contribution);

/// <summary>
/// Why a post was scored the way it was: both predictions and, for each, the features that pushed it most
/// toward the predicted label (for needs-reply: toward "reply" when flagged, toward "no reply" otherwise).
/// </summary>
public sealed record PostExplanation(
    string Language,
    string Sentiment,
    float SentimentProbability,
    bool NeedsReply,
    float NeedsReplyProbability,
    IReadOnlyList<ScoreReason> SentimentReasons,
    IReadOnlyList<ScoreReason> NeedsReplyReasons);
