using System.Globalization;

namespace MentionWatch.Benchmarks;

/// <summary>
/// Command line of the <c>alerts</c> mode: --seconds N --background-rate N --background-batch N --alerts N
/// --interval-ms N --quiet N --warmup-seconds N --seed N [--keep] [--debug-log].
/// </summary>
internal sealed record AlertBenchOptions(
    int Seconds, int BackgroundRate, int BackgroundBatch, int Alerts, int IntervalMs, int Quiet, int WarmupSeconds, int Seed, bool Keep, bool DebugLog)
{
    public const string Usage =
        "usage: dotnet run -c Release --project tests/MentionWatch.Benchmarks -- alerts [--seconds 60] [--background-rate 5000] " +
        "[--background-batch 100] [--alerts 200] [--interval-ms 250] [--quiet 20] [--warmup-seconds 10] [--seed 42] [--keep] [--debug-log]";

    /// <summary>Time between two background batches, from the rate and the batch size (100 posts at 5,000/s: 20 ms; 20 ms without a rate).</summary>
    public TimeSpan BackgroundPeriod => BackgroundRate > 0 ? TimeSpan.FromSeconds((double)BackgroundBatch / BackgroundRate) : TimeSpan.FromMilliseconds(20);

    public static AlertBenchOptions Parse(IEnumerable<string> arguments)
    {
        var args = arguments.ToArray();
        var o = new AlertBenchOptions(60, 5_000, 100, 200, 250, 20, 10, 42, false, false);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.\n{Usage}");
            o = args[i] switch
            {
                "--seconds" => o with { Seconds = Int(Next(), "--seconds", 1) },
                "--background-rate" => o with { BackgroundRate = Int(Next(), "--background-rate", 0) },
                "--background-batch" => o with { BackgroundBatch = Int(Next(), "--background-batch", 1) },
                "--alerts" => o with { Alerts = Int(Next(), "--alerts", 1) },
                "--interval-ms" => o with { IntervalMs = Int(Next(), "--interval-ms", 1) },
                "--quiet" => o with { Quiet = Int(Next(), "--quiet", 0) },
                "--warmup-seconds" => o with { WarmupSeconds = Int(Next(), "--warmup-seconds", 0) },
                "--seed" => o with { Seed = Int(Next(), "--seed", 1) },
                "--keep" => o with { Keep = true },
                "--debug-log" => o with { DebugLog = true },
                _ => throw new ArgumentException($"unknown argument '{args[i]}'.\n{Usage}"),
            };
        }

        // The alerts go out while the background runs, after a 2 s lead-in; all of them must fit.
        var needed = 2.0 + o.Alerts * o.IntervalMs / 1000.0;
        if (o.BackgroundRate > 0 && needed > o.Seconds)
        {
            throw new ArgumentException(
                $"{o.Alerts} alerts every {o.IntervalMs} ms need {needed:F0} s of background load; raise --seconds or lower --alerts.\n{Usage}");
        }

        return o;
    }

    private static int Int(string text, string name, int min) =>
        int.TryParse(text.Replace("_", ""), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) && v >= min
            ? v
            : throw new ArgumentException($"{name} must be an integer >= {min}, got '{text}'.");
}
