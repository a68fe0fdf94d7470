using System.CommandLine;
using System.Diagnostics;
using MentionWatch.Classification;
using MentionWatch.Classification.Features;
using MentionWatch.Classification.Language;
using MentionWatch.Classification.Text;

namespace MentionWatch.Cli.Commands;

/// <summary>`mentionwatch bench stages`: nanoseconds per post for each hot-path stage, to see where time goes.</summary>
internal static class StageBench
{
    public static Command Create(Option<string> data, Option<string> sentiment, Option<string> needsReply)
    {
        var command = new Command("stages", "Time decode, tokenize, featurize and classify separately (one thread)") { data, sentiment, needsReply };
        command.SetAction(result => CliErrors.Run(() =>
        {
            var texts = BenchCommand.ReadTexts(result.GetRequiredValue(data));
            var classifier = PostClassifier.Load(result.GetRequiredValue(sentiment), result.GetRequiredValue(needsReply));
            var spec = FeatureSpec.Default;
            var tokens = TokenBuffer.Current;
            var buckets = FeatureBuffers.Current;
            Report("decode", texts, t => { tokens.Reset(); TextDecoder.Decode(t, tokens); });
            Report("tokenize", texts, t => Tokenizer.Tokenize(t, tokens));
            Report("tokenize+language", texts, t => { Tokenizer.Tokenize(t, tokens); LanguageIdentifier.Decide(tokens); });
            Report("tokenize+featurize", texts, t => FeatureBuffers.Featurize(t, spec, tokens, buckets));
            Report("classify (both models)", texts, t => classifier.Classify(t));
            return 0;
        }));
        return command;
    }

    private static void Report(string stage, string[] texts, Action<string> action)
    {
        // A second of warm-up so tiered compilation has produced optimized code before timing.
        long warm = Stopwatch.GetTimestamp() + Stopwatch.Frequency;
        while (Stopwatch.GetTimestamp() < warm) foreach (var t in texts) action(t);
        double best = double.MaxValue;
        for (int round = 0; round < 15; round++)
        {
            long start = Stopwatch.GetTimestamp();
            foreach (var t in texts) action(t);
            best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalNanoseconds / texts.Length);
        }
        Console.WriteLine($"{stage,-24} {best,8:F0} ns/post (best of 15 passes)");
    }
}
