using System.CommandLine;
using System.Diagnostics;

namespace MentionWatch.Teacher;

/// <summary>`embed`: the sentence embedding (<see cref="SentenceEncoders"/>) of every text of a TSV, into an <see cref="EmbeddingCache"/>.</summary>
internal static class EmbedCommand
{
    // 64 texts a call: larger batches did not raise the rate on two cores, and progress stays frequent.
    private const int BatchSize = 64;

    public static Command Create()
    {
        var input = new Argument<string>("tsv") { Description = "TSV with a 'text' column (and 'label', 'period' when it is labelled)" };
        var output = new Argument<string>("cache") { Description = "embedding cache to write" };
        var encoder = new Option<string>("--encoder") { Description = $"sentence encoder: {string.Join(", ", SentenceEncoders.Names)}", DefaultValueFactory = _ => SentenceEncoders.MiniLm };
        encoder.AcceptOnlyFromAmong(SentenceEncoders.Names);
        var command = new Command("embed", "Embed the texts of a TSV (MiniLM: about 220 texts/s on two cores; progress on stderr)") { input, output, encoder };
        command.SetAction((result, cancel) => Task.FromResult(Run(result.GetRequiredValue(input), result.GetRequiredValue(output), Console.Error, cancel, result.GetRequiredValue(encoder))));
        return command;
    }

    public static int Run(string input, string output, TextWriter progress, CancellationToken cancel, string encoder = SentenceEncoders.MiniLm)
    {
        var rows = TsvRows.Read(input);
        var vectors = Embed(rows.Select(r => r.Text).ToList(), progress, cancel, encoder);
        EmbeddingCache.Write(output, EmbeddingCache.SourceHash(input), encoder, rows, vectors);
        return 0;
    }

    public static List<float[]> Embed(IReadOnlyList<string> texts, TextWriter progress, CancellationToken cancel, string encoderName = SentenceEncoders.MiniLm)
    {
        // One intra-op thread per core: the runtime's default left one of two cores idle (120 texts/s against 220).
        using var options = new Microsoft.ML.OnnxRuntime.SessionOptions { IntraOpNumThreads = Environment.ProcessorCount };
        var encoders = SentenceEncoders.Create(encoderName, options);
        var vectors = new List<float[]>(texts.Count);
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < texts.Count; start += BatchSize)
        {
            var batch = texts.Skip(start).Take(BatchSize).ToArray();
            vectors.AddRange(SentenceEncoders.Encode(encoders, batch, cancel));
            if (start / BatchSize % 50 == 0 || vectors.Count == texts.Count)
            {
                var rate = vectors.Count / Math.Max(watch.Elapsed.TotalSeconds, 1e-3);
                progress.WriteLine($"embedded {vectors.Count:N0}/{texts.Count:N0} ({rate:F0}/s, about {(texts.Count - vectors.Count) / rate:F0} s left)");
            }
        }
        return vectors;
    }
}
