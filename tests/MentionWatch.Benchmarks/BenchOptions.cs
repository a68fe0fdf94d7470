using System.Globalization;

namespace MentionWatch.Benchmarks;

/// <summary>Command line: --posts N --batch N --concurrency N --warmup N --requests N --seed N [--url URL --key KEY] [--pid PID] [--keep].</summary>
internal sealed record BenchOptions(
    int Posts, int Batch, int Concurrency, int Warmup, int Requests, int Seed, Uri? Url, string? Key, int? Pid, bool Keep)
{
    public const string Usage =
        "usage: dotnet run -c Release --project tests/MentionWatch.Benchmarks -- [--posts 1000000] [--batch 1000] " +
        "[--concurrency 4] [--warmup 20] [--requests 200] [--seed 42] [--url URL --key ADMIN_KEY [--pid SERVER_PID]] [--keep]";

    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions(1_000_000, 1_000, 4, 20, 200, 42, null, null, null, false);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            o = args[i] switch
            {
                "--posts" => o with { Posts = PositiveInt(Next(), "--posts") },
                "--batch" => o with { Batch = PositiveInt(Next(), "--batch") },
                "--concurrency" => o with { Concurrency = PositiveInt(Next(), "--concurrency") },
                "--warmup" => o with { Warmup = NonNegativeInt(Next(), "--warmup") },
                "--requests" => o with { Requests = PositiveInt(Next(), "--requests") },
                "--seed" => o with { Seed = PositiveInt(Next(), "--seed") },
                "--url" => o with { Url = new Uri(Next().TrimEnd('/') + "/") },
                "--key" => o with { Key = Next() },
                "--pid" => o with { Pid = PositiveInt(Next(), "--pid") },
                "--keep" => o with { Keep = true },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'.\n{Usage}"),
            };
        }

        if (o.Url is not null && string.IsNullOrEmpty(o.Key)) throw new ArgumentException($"--url needs --key (an admin API key).\n{Usage}");
        return o;
    }

    private static int NonNegativeInt(string text, string name) =>
        int.TryParse(text.Replace("_", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= 0
            ? v
            : throw new ArgumentException($"{name} must be zero or a positive integer, got '{text}'.");

    private static int PositiveInt(string text, string name) =>
        int.TryParse(text.Replace("_", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v > 0
            ? v
            : throw new ArgumentException($"{name} must be a positive integer, got '{text}'.");
}
