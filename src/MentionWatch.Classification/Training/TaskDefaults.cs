using MentionWatch.Classification.Features;

namespace MentionWatch.Classification.Training;

/// <summary>The hyper-parameters the shipped models were trained with, chosen on the validation data.</summary>
internal static class TaskDefaults
{
    public static TrainingOptions For(string task) => task switch
    {
        Tasks.Sentiment => new TrainingOptions { Epochs = 8, LearningRate = 0.2f, L2 = 1e-5f, ClassWeightPower = 1f, Features = FeatureSpec.Default },
        Tasks.NeedsReply => new TrainingOptions { Epochs = 8, LearningRate = 0.2f, L2 = 1e-5f, ClassWeightPower = 1f, Features = FeatureSpec.Default },
        _ => throw new ArgumentException($"unknown task '{task}' (expected '{Tasks.Sentiment}' or '{Tasks.NeedsReply}')"),
    };
}
