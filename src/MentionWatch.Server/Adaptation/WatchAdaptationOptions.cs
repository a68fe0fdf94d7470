using System.ComponentModel.DataAnnotations;
using MentionWatch.Classification.Adaptation;

namespace MentionWatch.Server.Adaptation;

/// <summary><c>Adaptation:*</c>: when a watch's corrections may adapt the shipped models for that watch, and how it is checked.</summary>
public sealed class WatchAdaptationOptions : IValidatableObject
{
    public const string Section = "Adaptation";

    /// <summary>Corrections of a task (sentiment, needs-reply) a watch needs before that task is adapted.</summary>
    [Range(5, 1_000_000)]
    public int MinCorrections { get; set; } = 20;

    /// <summary>Folds of the cross-validation that compares the adaptation with the shipped model on held-out corrections.</summary>
    [Range(2, 20)]
    public int Folds { get; set; } = 5;

    /// <summary>The watch's most recent uncorrected posts used as anchors (labelled by the shipped model); 0 = none.</summary>
    [Range(0, 5_000)]
    public int AnchorPosts { get; set; } = 200;

    /// <summary>The classifier settings these options stand for.</summary>
    public AdaptationSettings Settings() => new() { MinCorrections = MinCorrections, Folds = Folds };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinCorrections < Folds)
            yield return new ValidationResult($"MinCorrections ({MinCorrections}) must be at least Folds ({Folds}).", [nameof(MinCorrections)]);
    }
}
