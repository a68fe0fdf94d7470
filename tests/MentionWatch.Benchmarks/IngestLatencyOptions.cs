using System.Globalization;

namespace MentionWatch.Benchmarks;

/// <summary>Command line of the ingest-latency mode (see <see cref="Usage"/>).</summary>
internal sealed record IngestLatencyOptions(int Posts, int Batch, int SingleBatches, int Senders, int Warmup, int Seed, bool Keep)
{
    public const string Usage =
        "usage: dotnet run -c Release --project tests/MentionWatch.Benchmarks -- ingest-latency [--posts 1000000] [--batch 1000] " +
        "[--single-batches 200] [--senders 4] [--warmup 20] [--seed 42] [--keep]";

    public int Batches => (Posts + Batch - 1) / Batch;

    public static IngestLatencyOptions Parse(string[] args)
    {
        var o = new IngestLatencyOptions(1_000_000, 1_000, 200, 4, 20, 42, false);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            o = args[i] switch
            {
                "--posts" => o with { Posts = Int(Next(), "--posts", 1) },
                "--batch" => o with { Batch = Int(Next(), "--batch", 1) },
                "--single-batches" => o with { SingleBatches = Int(Next(), "--single-batches", 1) },
                "--senders" => o with { Senders = Int(Next(), "--senders", 1) },
                "--warmup" => o with { Warmup = Int(Next(), "--warmup", 0) },
                "--seed" => o with { Seed = Int(Next(), "--seed", 1) },
                "--keep" => o with { Keep = true },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'.\n{Usage}"),
            };
        }
        // The four-sender phase needs batches left after the single-client phase.
        if (o.SingleBatches >= o.Batches)
            throw new ArgumentException($"--single-batches ({o.SingleBatches}) must be fewer than the {o.Batches} batches of --posts/--batch.\n{Usage}");
        return o;
    }

    private static int Int(string text, string name, int min) =>
        int.TryParse(text.Replace("_", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min
            ? v
            : throw new ArgumentException($"{name} must be an integer >= {min}, got '{text}'.");
}
