using System.Diagnostics;
using System.Security.Cryptography;

namespace MentionWatch.Benchmarks;

/// <summary>One alerting post: how long its ingest request took to answer, and when its webhook arrived (both from the send).</summary>
internal sealed record AlertSample(string ExternalId, double AnswerMs, double? AlertMs, string? DeliveryId)
{
    /// <summary>The alert hop: webhook arrival minus the ingest answer (negative when the webhook came first).</summary>
    public double? HopMs => AlertMs - AnswerMs;
}

internal sealed record AlertPhase(string Name, IReadOnlyList<AlertSample> Samples)
{
    public int Missing => Samples.Count(s => s.AlertMs is null);
}

internal sealed record AlertBenchResult(AlertPhase Quiet, AlertPhase Loaded, BackgroundResult? Background, int WebhookPosts, int RepeatedDeliveries, string LoadBefore, string LoadAfter);

/// <summary>
/// The acceptance benchmark of alerting: how long from sending a post that a <c>mention</c> rule pages on until its
/// webhook reaches a receiver, with background ingest going on. The server runs as its own process with a webhook
/// notifier pointing at <see cref="AlertWebhookReceiver"/> in this process, so both ends read the same Stopwatch.
/// </summary>
internal static class AlertBenchmark
{
    /// <summary>Only the alerting posts carry this word, so only they page.</summary>
    public const string Keyword = "zzalertprobe";

    private static readonly TimeSpan Drain = TimeSpan.FromSeconds(15);

    public static async Task<AlertBenchResult> RunAsync(AlertBenchOptions o, CancellationToken ct)
    {
        await using var receiver = await AlertWebhookReceiver.StartAsync(ct);
        Console.WriteLine($"webhook receiver on {receiver.Url}");
        await using var server = await ServerProcess.StartAsync(o.Keep, ct, ServerEnvironment(o, receiver.Url));
        // Two clients, so an alerting post never queues behind background batches for a connection in this process.
        using var background = new ApiClient(server.Url, server.AdminKey, 16);
        using var probe = new ApiClient(server.Url, server.AdminKey, 4);
        await background.CreateBenchWatchesAsync(ct);

        var posts = o.Seconds * o.BackgroundRate;
        var generation = Stopwatch.StartNew();
        var batches = BackgroundLoad.Generate(o.Seed, posts, o.BackgroundBatch);
        Console.WriteLine($"generated {posts:N0} background posts in {batches.Length:N0} batches in {generation.Elapsed.TotalSeconds:F1} s");

        await WarmUpAsync(background, probe, receiver, o, ct);
        var loadBefore = LoadAverage();
        var quiet = await InjectAsync(probe, receiver, "quiet", o.Quiet, o.IntervalMs, ct);
        Console.WriteLine($"quiet: {quiet.Samples.Count} alerting posts, {quiet.Missing} webhooks missing");

        var loadTask = o.BackgroundRate > 0
            ? BackgroundLoad.RunAsync(background, batches, o.BackgroundBatch, o.BackgroundPeriod, o.BackgroundRate, ct)
            : null;
        // A 2 s lead-in, so the first alerting post already meets a loaded pipeline.
        if (loadTask is not null) await Task.Delay(TimeSpan.FromSeconds(2), ct);
        var loaded = await InjectAsync(probe, receiver, "loaded", o.Alerts, o.IntervalMs, ct);
        var load = loadTask is null ? null : await loadTask;
        var loadAfter = LoadAverage();
        if (o.Keep) WriteSamples(Path.Combine(server.StoreDir, "alert-samples.csv"), [quiet, loaded]);
        Console.WriteLine($"loaded: {loaded.Samples.Count} alerting posts, {loaded.Missing} webhooks missing");
        return new AlertBenchResult(quiet, loaded, load, receiver.Posts, receiver.RepeatedDeliveries, loadBefore, loadAfter);
    }

    /// <summary>The alerting configuration, in environment form: one webhook notifier, one keyword rule paging it.</summary>
    private static Dictionary<string, string> ServerEnvironment(AlertBenchOptions o, Uri hook)
    {
        var env = new Dictionary<string, string>
        {
            ["Alerts__AllowPrivateTargets"] = "true",
            ["Alerts__Notifiers__oncall__Type"] = "webhook",
            ["Alerts__Notifiers__oncall__Url"] = hook.ToString(),
            ["Alerts__Notifiers__oncall__Secret"] = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
            ["Alerts__Rules__complaints__Type"] = "mention",
            ["Alerts__Rules__complaints__Query"] = Keyword,
            ["Alerts__Rules__complaints__GroupBy"] = "none",
            ["Alerts__Rules__complaints__Notify__0"] = "oncall",
        };
        if (o.DebugLog)
        {
            // Millisecond timestamps (JSON lines) and the alert engine's and notifiers' Debug lines, to see where the time goes.
            env["Log__Format"] = "json";
            env["Serilog__MinimumLevel__Override__MentionWatch.Server.Alerting"] = "Debug";
        }

        return env;
    }

    /// <summary>
    /// Untimed: --warmup-seconds of background load at the target rate, then a few alerting posts. A short warm-up
    /// (20 batches) left the first 5-30 s of the measured load several times slower (most likely tiered JIT still
    /// compiling the hot paths on two busy cores), so without one the p99 measures a cold server.
    /// </summary>
    private static async Task WarmUpAsync(ApiClient background, ApiClient probe, AlertWebhookReceiver receiver, AlertBenchOptions o, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var posts = Math.Max(20 * o.BackgroundBatch, o.WarmupSeconds * o.BackgroundRate);
        // A different seed gives different ids, so warm-up posts are never duplicates of the measured ones.
        var warmBatches = BackgroundLoad.Generate(o.Seed + 7919, posts, o.BackgroundBatch);
        var load = await BackgroundLoad.RunAsync(background, warmBatches, o.BackgroundBatch, o.BackgroundPeriod, o.BackgroundRate, ct);
        var warm = await InjectAsync(probe, receiver, "warmup", 10, 50, ct);
        Console.WriteLine($"warm-up: {load.PostsAcknowledged:N0} background posts ({load.AchievedRate:N0} posts/s) and {warm.Samples.Count} alerting posts " +
                          $"({warm.Missing} webhooks missing) in {clock.Elapsed.TotalSeconds:F1} s (not timed)");
    }

    /// <summary>
    /// Sends <paramref name="count"/> alerting posts, one per ingest request, post i due at i × interval on a Stopwatch
    /// schedule (each its own task, so a slow answer does not delay the next post), then waits for their webhooks.
    /// </summary>
    private static async Task<AlertPhase> InjectAsync(ApiClient probe, AlertWebhookReceiver receiver, string phase, int count, int intervalMs, CancellationToken ct)
    {
        var sends = new List<Task<(string Id, long SentAt, long AnsweredAt)>>(count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var wait = TimeSpan.FromMilliseconds((double)i * intervalMs) - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1)) await Task.Delay(wait, ct);
            var id = $"alert-{phase}-{i}";
            var body = SyntheticPosts.AlertPost(id, Keyword, DateTimeOffset.UtcNow);
            sends.Add(Task.Run(async () =>
            {
                var sentAt = Stopwatch.GetTimestamp();
                var (accepted, _, _) = await probe.IngestAsync(body, ct);
                var answeredAt = Stopwatch.GetTimestamp();
                if (accepted != 1) throw new InvalidOperationException($"the server did not accept alerting post {id}");
                return (id, sentAt, answeredAt);
            }, ct));
        }

        var sent = await Task.WhenAll(sends);
        await receiver.WaitForAsync(sent.Select(s => s.Id).ToList(), Drain, ct);
        var samples = sent.Select(s => new AlertSample(
            s.Id,
            Stopwatch.GetElapsedTime(s.SentAt, s.AnsweredAt).TotalMilliseconds,
            receiver.ArrivalOf(s.Id) is { } at ? Stopwatch.GetElapsedTime(s.SentAt, at).TotalMilliseconds : null,
            receiver.DeliveryOf(s.Id))).ToList();
        return new AlertPhase(phase, samples);
    }

    /// <summary>With --keep: one line per alerting post, to line up with the server's log by delivery id.</summary>
    private static void WriteSamples(string path, IEnumerable<AlertPhase> phases)
    {
        using var csv = new StreamWriter(path);
        csv.WriteLine("phase,externalId,deliveryId,answerMs,alertMs");
        foreach (var phase in phases)
            foreach (var s in phase.Samples)
                csv.WriteLine(FormattableString.Invariant($"{phase.Name},{s.ExternalId},{s.DeliveryId},{s.AnswerMs:F2},{s.AlertMs:F2}"));
        Console.WriteLine($"samples written to {path}");
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "n/a";
        }
    }
}
