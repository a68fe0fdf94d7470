using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Server.Pipeline;

/// <summary>Model files for the sentiment and needs-reply classifiers.</summary>
public sealed class ClassificationOptions
{
    public const string Section = "Classification";

    [Required(AllowEmptyStrings = false)]
    public string SentimentModelPath { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, "models", "sentiment.mwm");

    [Required(AllowEmptyStrings = false)]
    public string NeedsReplyModelPath { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, "models", "needs-reply.mwm");
}
