using System.CommandLine;
using System.Globalization;
using MentionWatch.Classification.Model;

namespace MentionWatch.Cli.Commands;

/// <summary>`mentionwatch classify`: one post per stdin line -> label, probabilities and the features that pushed it.</summary>
internal static class ClassifyCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model") { Description = "model file (.mwm)", Required = true };
        var top = new Option<int>("--top") { Description = "how many top features to show", DefaultValueFactory = _ => 5 };
        var sentiment = new Option<string?>("--sentiment-model") { Description = "sentiment model for a stacked needs-reply model (default: sentiment.mwm beside --model)" };
        var reasons = new Option<bool>("--reasons") { Description = "score with both models (--model = the needs-reply model) and print the reasons in words, as PostClassifier.Explain gives them" };
        var command = new Command("classify", "Classify posts read from stdin, one per line") { model, top, sentiment, reasons };
        command.SetAction(result => CliErrors.Run(() =>
        {
            if (result.GetValue(reasons)) return WriteReasons(result.GetRequiredValue(model), result.GetValue(sentiment), result.GetValue(top));
            var linear = ModelFile.Read(result.GetRequiredValue(model));
            int n = result.GetValue(top);
            var stackOn = StackModel.For(linear, result.GetRequiredValue(model), result.GetValue(sentiment));
            var c = CultureInfo.InvariantCulture;
            for (string? line = Console.In.ReadLine(); line is not null; line = Console.In.ReadLine())
            {
                var e = Explainer.Explain(linear, line, n, stackOn);
                var probabilities = string.Join(" ", linear.Labels.Select((l, i) => string.Format(c, "{0}={1:F3}", l, e.Probabilities[i])));
                var features = string.Join(", ", e.TopFeatures.Select(f => string.Format(c, "{0} ({1:+0.000;-0.000})", f.Feature, f.Contribution)));
                Console.Out.WriteLine($"{e.Label}\t{probabilities}\tlang={e.Language}\t{features}");
            }
            return 0;
        }));
        return command;
    }

    private static int WriteReasons(string needsReplyPath, string? sentimentPath, int top)
    {
        var classifier = MentionWatch.Classification.PostClassifier.Load(
            sentimentPath ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(needsReplyPath))!, "sentiment.mwm"), needsReplyPath);
        var c = CultureInfo.InvariantCulture;
        for (string? line = Console.In.ReadLine(); line is not null; line = Console.In.ReadLine())
        {
            var e = classifier.Explain(line, top);
            Console.Out.WriteLine(string.Format(c, "{0}\tsentiment {1} ({2:F2}) because {3}\tneeds reply {4} ({5:F2}) because {6}", line, e.Sentiment, e.SentimentProbability,
                string.Join("; ", e.SentimentReasons.Select(r => r.Description)), e.NeedsReply ? "yes" : "no", e.NeedsReplyProbability,
                string.Join("; ", e.NeedsReplyReasons.Select(r => r.Description))));
        }
        return 0;
    }
}
