using MentionWatch.Classification;
using MentionWatch.Classification.Model;
using MentionWatch.Classification.Training;

namespace MentionWatch.Cli.Commands;

/// <summary>Loads the sentiment model a needs-reply model stacks on, when one is named or needed.</summary>
internal static class StackModel
{
    public static LinearModel? Load(string? path, string task)
    {
        if (path is null) return null;
        if (task != Tasks.NeedsReply) throw new ArgumentException("--stack-sentiment only applies to --task needs-reply");
        var model = ModelFile.Read(path);
        if (model.Metadata.Task != Tasks.Sentiment) throw new ModelFormatException(path, $"expected a sentiment model, found '{model.Metadata.Task}'");
        return model;
    }

    /// <summary>For eval/classify: the sentiment model a stacked model needs (explicit path, else sentiment.mwm beside it).</summary>
    public static LinearModel? For(LinearModel model, string modelPath, string? sentimentPath)
    {
        if (!model.StacksSentiment) return null;
        string path = sentimentPath ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(modelPath))!, "sentiment.mwm");
        return Load(path, Tasks.NeedsReply);
    }
}
