using MentionWatch.Classification.Features;
using MentionWatch.Classification.Model;
using MentionWatch.Classification.Text;
using MentionWatch.Classification.Training;

namespace MentionWatch.Classification.Tests.Support;

/// <summary>Test data factory: small synthetic corpora and models trained on them.</summary>
internal static class Some
{
    public static readonly FeatureSpec SmallSpec = FeatureSpec.Default with { HashBits = 14 };

    private static readonly string[] Subjects = ["the app", "this phone", "my bank", "the delivery", "support", "the update", "приложение", "доставка"];

    /// <summary>Posts whose sentiment is carried by one cue word, with filler that carries none.</summary>
    public static List<LabeledText> SentimentRows(int perLabel, int seed = 7)
    {
        string[][] cues = [["awful", "terrible", "broken", "ужасно"], ["arrived", "released", "opens", "сегодня"], ["great", "love", "amazing", "отлично"]];
        var random = new Random(seed);
        var rows = new List<LabeledText>();
        for (int i = 0; i < perLabel; i++)
            for (int label = 0; label < 3; label++)
            {
                var cue = cues[label][random.Next(cues[label].Length)];
                var subject = Subjects[random.Next(Subjects.Length)];
                rows.Add(new LabeledText($"{subject} is {cue} #{random.Next(50)}", label, "synthetic", i + 2));
            }
        return rows;
    }

    public static List<LabeledText> NeedsReplyRows(int perLabel, int seed = 11)
    {
        string[][] cues = [["congrats on the launch", "news: shares rose", "nice weather"], ["why was I charged twice", "please fix my account", "my order never came"]];
        var random = new Random(seed);
        var rows = new List<LabeledText>();
        for (int i = 0; i < perLabel; i++)
            for (int label = 0; label < 2; label++)
                rows.Add(new LabeledText($"@brand {cues[label][random.Next(3)]} {Subjects[random.Next(Subjects.Length)]}", label, "synthetic", i + 2));
        return rows;
    }

    public static LinearModel TrainedModel(string task, int seed = 3)
    {
        var rows = task == Tasks.Sentiment ? SentimentRows(60) : NeedsReplyRows(60);
        // Like the shipped pair: only needs-reply names handles, so the classifier's lane routing is exercised.
        var spec = task == Tasks.Sentiment ? SmallSpec : SmallSpec with { Handles = true };
        var options = new TrainingOptions { Epochs = 5, Seed = seed, Features = spec };
        var metadata = new ModelMetadata { Task = task, Labels = Tasks.LabelsOf(task), TrainingFiles = ["synthetic"] };
        return Trainer.Train(FeaturizedSet.Build(rows, spec), metadata, options);
    }

    /// <summary>Writes both synthetic models into a temporary folder and returns their paths.</summary>
    public static (string Sentiment, string NeedsReply) ModelFiles(string directory)
    {
        string s = Path.Combine(directory, "sentiment.mwm"), n = Path.Combine(directory, "needs-reply.mwm");
        ModelFile.Write(s, TrainedModel(Tasks.Sentiment));
        ModelFile.Write(n, TrainedModel(Tasks.NeedsReply));
        return (s, n);
    }

    /// <summary>Normalized tokens of a text in readable form, joined by single spaces; negated words get "NOT_".</summary>
    public static string Tokens(string? text)
    {
        var buffer = new TokenBuffer();
        Tokenizer.Tokenize(text, buffer);
        var parts = new List<string>();
        for (int k = 0; k < buffer.TokenCount; k++)
        {
            var t = buffer.Tokens[k];
            if (t.Kind == TokenKind.Break) { parts.Add("|"); continue; }
            parts.Add((t.Negated ? "NOT_" : "") + SpecialTokens.Display(buffer.TextOf(t)) + (t.Elongated ? "+" : ""));
        }
        return string.Join(" ", parts);
    }
}
