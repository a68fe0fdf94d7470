namespace MentionWatch.Classification.Training;

/// <summary>
/// One training or evaluation row: the post, its label index, where it came from, its `period` column if the file has one,
/// and its loss weight. <paramref name="Targets"/>: a teacher's class probabilities for the text (a label overlay with
/// weights; <paramref name="Label"/> is then the likeliest), trained as soft targets, which may add a teacher's view to
/// a text that is also a training row; null for a row with one label.
/// </summary>
internal sealed record LabeledText(string Text, int Label, string File, int Line, string? Period = null, float Weight = 1f, float[]? Targets = null);

/// <summary>A data file is unusable; the message names the file and line.</summary>
internal sealed class DataFormatException(string message) : Exception(message);

/// <summary>Label sets per task.</summary>
internal static class Tasks
{
    public const string Sentiment = "sentiment";
    public const string NeedsReply = "needs-reply";

    public static string[] LabelsOf(string task) => task switch
    {
        Sentiment => ["negative", "neutral", "positive"],
        NeedsReply => ["0", "1"],
        _ => throw new ArgumentException($"unknown task '{task}' (expected '{Sentiment}' or '{NeedsReply}')", nameof(task)),
    };
}
