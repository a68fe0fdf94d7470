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
            // The loaded pair's features: a pair trained with --lexicon or --ru-stems featurizes more than the default.
            var spec = classifier.SharedSpec;
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
        // CPU time of this thread, not wall time: on a shared machine preemption would dominate.
        var cpuStart = Process.GetCurrentProcess().TotalProcessorTime;
        long wallStart = Stopwatch.GetTimestamp();
        long posts = 0;
        while (Stopwatch.GetElapsedTime(wallStart).TotalSeconds < 2)
        {
            foreach (var t in texts) action(t);
            posts += texts.Length;
        }
        double cpuNs = (Process.GetCurrentProcess().TotalProcessorTime - cpuStart).TotalNanoseconds / posts;
        double wallNs = Stopwatch.GetElapsedTime(wallStart).TotalNanoseconds / posts;
        Console.WriteLine($"{stage,-24} {cpuNs,8:F0} ns/post CPU time ({wallNs:F0} ns wall)");
    }
}
