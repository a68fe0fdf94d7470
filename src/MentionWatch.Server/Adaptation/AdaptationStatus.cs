using System.Text.Json.Serialization;
using MentionWatch.Classification.Adaptation;

namespace MentionWatch.Server.Adaptation;

/// <summary>States of a watch's adaptation as <c>GET /api/v1/watches/{name}</c> reports them.</summary>
public static class AdaptationStates
{
    /// <summary>Never trained, or rolled back.</summary>
    public const string None = "none";
    /// <summary>At least one task beat the shipped model and is applied to the watch's new mentions.</summary>
    public const string Active = "active";
    /// <summary>The latest training beat the shipped model on neither task (reasons per task); the shipped scores stand.</summary>
    public const string Rejected = "rejected";
    /// <summary>Trained over other shipped models than the ones loaded now (or unreadable); not applied until retrained.</summary>
    public const string Stale = "stale";
}

/// <summary>
/// A watch's adaptation: its state, when and by whom it was trained, how long training took, and per task (sentiment,
/// needs-reply) the corrections used and the cross-validated figures of the shipped and adapted models.
/// </summary>
public sealed record AdaptationStatus
{
    public required string State { get; init; }

    /// <summary>Why it is in this state, in a sentence.</summary>
    public required string Reason { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public DateTimeOffset? TrainedAt { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? TrainedBy { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? TrainingSeconds { get; init; }

    /// <summary>Corrections the training saw (sentiment and needs-reply together).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? CorrectionsUsed { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public TaskAdaptationReport? Sentiment { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public TaskAdaptationReport? NeedsReply { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? SentimentModel { get; init; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public string? NeedsReplyModel { get; init; }

    /// <summary>Which mentions the adaptation scores (see docs/classifier.md).</summary>
    public string AppliesTo { get; init; } = AppliesToRule;

    public const string AppliesToRule = "new mentions that match this watch and no other; every other mention keeps the shipped scores";

    public static AdaptationStatus NoneYet { get; } = new() { State = AdaptationStates.None, Reason = "no adaptation: the shipped models score this watch" };
}
