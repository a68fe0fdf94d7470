namespace MentionWatch.Classification.Adaptation;

/// <summary>A corrected post: its text and the label an agent gave it (a sentiment label, or "0"/"1" for needs-reply).</summary>
public sealed record CorrectedPost(string Text, string Label);

/// <summary>Out-of-fold accuracy and macro-F1 over a watch's corrections.</summary>
public sealed record AdaptationFigures(double Accuracy, double MacroF1);

/// <summary>
/// What the cross-validation found for one task and whether the delta is used. <see cref="ChangedShare"/> is the share
/// of the watch's other (uncorrected) recent posts whose label the adaptation changes, cross-validated like the
/// corrections (each post scored by a delta that did not train on it as an anchor); null without any.
/// </summary>
public sealed record TaskAdaptationReport(
    string Task, bool Used, string Reason, int Corrections, int Folds,
    AdaptationFigures? Shipped, AdaptationFigures? Adapted, int DeltaBuckets, int OtherPosts, double? ChangedShare);

/// <summary>The adaptation to use (null when neither task beat the shipped model) and the report of each task.</summary>
public sealed record AdaptationResult(ClassifierAdaptation? Adaptation, TaskAdaptationReport Sentiment, TaskAdaptationReport NeedsReply);
