namespace MentionWatch.Server.Api;

/// <summary>One reason behind a score, in words; weight is how far it pushed toward the predicted label.</summary>
public sealed record ReasonDto(string Reason, double Weight, string Feature);

public sealed record SentimentExplanationDto(string Label, double Probability, IReadOnlyList<ReasonDto> Reasons);

/// <summary>The labelling rule that overrode the model: a brand's own post never needs a reply.</summary>
public sealed record BrandPostRuleDto(IReadOnlyList<string> BrandPostOf, string Rule);

/// <summary>
/// GET /api/v1/mentions/{id}/explain: the current models' reasons for both scores, re-computed from the text.
/// <see cref="Model"/> is the models' own verdict; the stored labels may differ after a brand-post rule or a correction.
/// </summary>
public sealed record ExplanationDto(
    long MentionId,
    IReadOnlyList<ReasonDto> NeedsReply,
    SentimentExplanationDto Sentiment,
    ModelVerdictDto Model,
    BrandPostRuleDto? BrandPostRule,
    IReadOnlyList<CorrectionDto> Corrections);

public sealed record ModelVerdictDto(string Sentiment, bool NeedsReply, double NeedsReplyProbability, string Language);

/// <summary>PUT /api/v1/mentions/{id}/labels: each label given replaces the stored one; leave a label out to keep it.</summary>
public sealed class LabelCorrectionDto
{
    /// <summary>negative, neutral or positive.</summary>
    public string? Sentiment { get; init; }
    public bool? NeedsReply { get; init; }
    public string? Note { get; init; }
}

/// <summary>The mention after the correction and the corrections it recorded (none when the labels already had those values).</summary>
public sealed record LabelCorrectionResultDto(MentionDto Mention, IReadOnlyList<CorrectionDto> Recorded);

public sealed record CorrectedTextDto(long MentionId, string Task, string Label, string Text, IReadOnlyList<string> Watches);
