using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using MentionWatch.Classification;

namespace MentionWatch.Cli.Commands;

/// <summary>`mentionwatch bench classify`: posts per second of sentiment + needs-reply together, after warm-up.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "TSV file with a text column", Required = true };
        var threads = new Option<int>("--threads") { Description = "worker threads", DefaultValueFactory = _ => 1 };
        var seconds = new Option<double>("--seconds") { Description = "measured duration", DefaultValueFactory = _ => 3.0 };
        var warmup = new Option<double>("--warmup") { Description = "warm-up seconds per thread (lets tiered compilation finish)", DefaultValueFactory = _ => 1.0 };
        var sentiment = new Option<string>("--sentiment-model") { DefaultValueFactory = _ => "models/sentiment.mwm" };
        var needsReply = new Option<string>("--needs-reply-model") { DefaultValueFactory = _ => "models/needs-reply.mwm" };
        var format = new Option<string>("--format") { Description = "text or json", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var classify = new Command("classify", "Benchmark both models together over a file's texts") { data, threads, seconds, warmup, sentiment, needsReply, format };
        classify.SetAction(result => CliErrors.Run(() =>
        {
            var loadClock = Stopwatch.StartNew();
            var classifier = PostClassifier.Load(result.GetRequiredValue(sentiment), result.GetRequiredValue(needsReply));
            double loadMs = loadClock.Elapsed.TotalMilliseconds;
            var texts = ReadTexts(result.GetRequiredValue(data));
            int n = Math.Max(1, result.GetValue(threads));
            var (posts, elapsed, cpu, bestWindow) = Run(classifier, texts, n, TimeSpan.FromSeconds(result.GetValue(seconds)), result.GetValue(warmup));
            double rate = posts / elapsed.TotalSeconds;
            // On a shared machine wall-clock rates swing with other load; CPU time shows the code's own cost.
            double cpuRate = posts / cpu.TotalSeconds;
            var c = CultureInfo.InvariantCulture;
            Console.WriteLine(result.GetValue(format) == "json"
                ? string.Format(c, "{{\"postsPerSecond\":{0:F0},\"threads\":{1},\"posts\":{2},\"seconds\":{3:F3},\"texts\":{4},\"loadMilliseconds\":{5:F1},\"postsPerCpuSecond\":{6:F0},\"bestWindowPostsPerSecond\":{7:F0}}}", rate, n, posts, elapsed.TotalSeconds, texts.Length, loadMs, cpuRate, bestWindow)
                : string.Format(c, "{0:N0} posts/s on {1} thread(s) ({2:N0} posts in {3:F2} s over {4:N0} texts; models loaded in {5:F0} ms; {6:N0} posts per CPU-second; best 100 ms window {7:N0} posts/s)", rate, n, posts, elapsed.TotalSeconds, texts.Length, loadMs, cpuRate, bestWindow));
            return 0;
        }));
        return new Command("bench", "Benchmarks") { classify, StageBench.Create(data, sentiment, needsReply) };
    }

    private static (long Posts, TimeSpan Elapsed, TimeSpan Cpu, double BestWindowRate) Run(PostClassifier classifier, string[] texts, int threads, TimeSpan duration, double warmupSeconds)
    {
        foreach (var t in texts) classifier.Classify(t);
        long total = 0;
        var bestRates = new List<double>();
        var start = new Barrier(threads + 1);
        var workers = new Thread[threads];
        long stopAt = 0;
        for (int w = 0; w < threads; w++)
        {
            int offset = w * texts.Length / threads;
            workers[w] = new Thread(() =>
            {
                // Warm-up long enough for tiered compilation to reach the optimized, PGO-guided code.
                long warmUntil = Stopwatch.GetTimestamp() + (long)(warmupSeconds * Stopwatch.Frequency);
                do
                {
                    for (int i = 0; i < texts.Length; i++) classifier.Classify(texts[i]);
                }
                while (Stopwatch.GetTimestamp() < warmUntil);
                start.SignalAndWait();
                long count = 0, windowStart = Stopwatch.GetTimestamp(), windowCount = 0;
                double best = 0;
                int i2 = offset;
                while (Stopwatch.GetTimestamp() < Volatile.Read(ref stopAt))
                {
                    for (int k = 0; k < 256; k++)
                    {
                        classifier.Classify(texts[i2]);
                        if (++i2 == texts.Length) i2 = 0;
                    }
                    count += 256;
                    windowCount += 256;
                    long now = Stopwatch.GetTimestamp();
                    if (now - windowStart >= Stopwatch.Frequency / 10)
                    {
                        best = Math.Max(best, windowCount * (double)Stopwatch.Frequency / (now - windowStart));
                        windowStart = now;
                        windowCount = 0;
                    }
                }
                Interlocked.Add(ref total, count);
                lock (bestRates) bestRates.Add(best);
            }) { IsBackground = true };
            workers[w].Start();
        }
        Volatile.Write(ref stopAt, long.MaxValue);
        start.SignalAndWait();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        long begin = Stopwatch.GetTimestamp();
        Volatile.Write(ref stopAt, begin + (long)(duration.TotalSeconds * Stopwatch.Frequency));
        foreach (var w in workers) w.Join();
        var elapsed = Stopwatch.GetElapsedTime(begin);
        return (total, elapsed, Process.GetCurrentProcess().TotalProcessorTime - cpuBefore, bestRates.Sum());
    }

    internal static string[] ReadTexts(string path)
    {
        if (!File.Exists(path)) throw new ArgumentException($"{path}: file not found");
        var lines = File.ReadAllLines(path);
        if (lines.Length < 2) throw new ArgumentException($"{path}:1: file has no data rows");
        int column = Array.IndexOf(lines[0].Split('\t'), "text");
        if (column < 0) throw new ArgumentException($"{path}:1: header has no 'text' column");
        var texts = new List<string>(lines.Length);
        for (int i = 1; i < lines.Length; i++)
        {
            var fields = lines[i].Split('\t');
            if (fields.Length <= column) throw new ArgumentException($"{path}:{i + 1}: missing the 'text' column");
            texts.Add(fields[column]);
        }
        return texts.ToArray();
    }
}
