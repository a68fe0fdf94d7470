using System.Diagnostics;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Benchmarks;

/// <summary>
/// <c>jetstream</c> mode: a Jetstream-like WebSocket server inside this process replays created posts at a fixed
/// rate to the real server (its own process, Bluesky source on, N watches). Measures the server's CPU time per 1,000
/// events (utime+stime from /proc/&lt;pid&gt;/stat over the measured window) and the end-to-end lag from an event's
/// time (its record's createdAt, stamped when sent) to its arrival on the live stream (which follows the store).
/// </summary>
internal static class JetstreamBenchmark
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        int rate = Arg(args, "--rate", 2000), seconds = Arg(args, "--seconds", 30), watches = Arg(args, "--watches", 50), warmup = Arg(args, "--warmup", 5);
        double matchShare = Arg(args, "--match-percent", 5) / 100.0;
        var sent = 0L;
        var measuring = false;
        var matchedSent = 0L;
        var done = new TaskCompletionSource();
        var connected = new TaskCompletionSource();

        await using var jetstream = await StartJetstreamAsync(async socket =>
        {
            connected.TrySetResult();
            var random = new Random(42);
            var clock = Stopwatch.StartNew();
            var total = (long)rate * (seconds + warmup);
            for (long n = 0; n < total && socket.State == WebSocketState.Open; n++)
            {
                // Pace: event n goes out at n / rate seconds.
                var due = TimeSpan.FromSeconds(n / (double)rate);
                if (due > clock.Elapsed) await Task.Delay(due - clock.Elapsed < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : due - clock.Elapsed, ct);
                measuring = n >= (long)rate * warmup;
                var matches = random.NextDouble() < matchShare;
                if (matches && measuring) Interlocked.Increment(ref matchedSent);
                var text = matches ? $"my brand{random.Next(watches)} order arrived {n}" : $"just an ordinary post number {n} about the weather";
                var now = DateTimeOffset.UtcNow;
                await socket.SendAsync(Encoding.UTF8.GetBytes(Event(n, now, text)), WebSocketMessageType.Text, true, ct);
                Interlocked.Increment(ref sent);
            }

            done.TrySetResult();
            await Task.Delay(Timeout.Infinite, ct).ContinueWith(_ => { });
        });

        var env = new Dictionary<string, string>
        {
            ["Sources__AllowPrivateTargets"] = "true",
            ["Sources__Bluesky__Enabled"] = "true",
            ["Sources__Bluesky__JetstreamUrl"] = jetstream.Url.ToString(),
            // Handles would be looked up on the public AppView, which a loopback replay has no copy of; measured without it.
            ["Sources__Bluesky__ResolveHandles"] = "false",
            ["Serilog__MinimumLevel__Default"] = "Warning",
        };
        for (var i = 0; i < watches; i++)
        {
            env[$"Watches__{i}__Name"] = $"brand{i}";
            env[$"Watches__{i}__Query"] = $"brand{i}";
        }

        await using var server = await ServerProcess.StartAsync(false, ct, env);
        var lags = new List<double>();
        using var http = new HttpClient { BaseAddress = server.Url, Timeout = Timeout.InfiniteTimeSpan };
        http.DefaultRequestHeaders.Add("X-Api-Key", server.AdminKey);
        using var live = await http.GetAsync("api/v1/mentions/stream", HttpCompletionOption.ResponseHeadersRead, ct);
        var reader = Task.Run(() => ReadLiveAsync(live, lags, () => measuring, ct), ct);

        await connected.Task.WaitAsync(TimeSpan.FromSeconds(60), ct);
        while (!measuring) await Task.Delay(10, ct);
        var cpu0 = CpuMs(server.Pid);
        var events0 = Interlocked.Read(ref sent);
        var wall = Stopwatch.StartNew();
        await done.Task.WaitAsync(ct);
        var cpu1 = CpuMs(server.Pid);
        var events = Interlocked.Read(ref sent) - events0;
        var elapsed = wall.Elapsed;
        // Let the last posts reach the live stream before reading the lags.
        var drain = Stopwatch.StartNew();
        while (drain.Elapsed < TimeSpan.FromSeconds(10) && Count(lags) < Interlocked.Read(ref matchedSent)) await Task.Delay(50, ct);

        double[] sorted;
        lock (lags) sorted = [.. lags.Order()];
        var cpuPer1000 = (cpu1 - cpu0) / (events / 1000.0);
        Console.WriteLine($"jetstream replay: {events:N0} events in {elapsed.TotalSeconds:F1} s ({events / elapsed.TotalSeconds:N0}/s), {watches} watches, {matchShare:P0} matching");
        Console.WriteLine($"server CPU: {cpu1 - cpu0:N0} ms over the window = {cpuPer1000:F1} ms per 1,000 events ({(cpu1 - cpu0) / elapsed.TotalMilliseconds:P0} of one core)");
        Console.WriteLine($"stored and live: {sorted.Length:N0} of {Interlocked.Read(ref matchedSent):N0} matching events");
        if (sorted.Length > 0)
        {
            Console.WriteLine($"lag event time -> live stream: p50 {LatencyBenchmark.Percentile(sorted, 0.50):F0} ms, p99 {LatencyBenchmark.Percentile(sorted, 0.99):F0} ms, max {sorted[^1]:F0} ms");
        }

        return 0;
    }

    private static async Task ReadLiveAsync(HttpResponseMessage live, List<double> lags, Func<bool> measuring, CancellationToken ct)
    {
        await using var stream = await live.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(stream);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (!line.StartsWith("data: ", StringComparison.Ordinal) || !measuring()) continue;
            var arrived = DateTimeOffset.UtcNow;
            try
            {
                using var json = JsonDocument.Parse(line.AsMemory(6));
                if (!json.RootElement.TryGetProperty("createdAt", out var created) || !created.TryGetDateTimeOffset(out var at)) continue;
                lock (lags) lags.Add((arrived - at).TotalMilliseconds);
            }
            catch (JsonException)
            {
            }
        }
    }

    private static int Count(List<double> lags)
    {
        lock (lags) return lags.Count;
    }

    private static string Event(long n, DateTimeOffset now, string text) => new JsonObject
    {
        ["did"] = "did:plc:bench" + (n % 997).ToString(CultureInfo.InvariantCulture),
        ["time_us"] = now.ToUnixTimeMilliseconds() * 1000 + n % 1000,
        ["kind"] = "commit",
        ["commit"] = new JsonObject
        {
            ["rev"] = "r" + n, ["operation"] = "create", ["collection"] = "app.bsky.feed.post", ["rkey"] = "k" + n.ToString(CultureInfo.InvariantCulture),
            ["record"] = new JsonObject { ["$type"] = "app.bsky.feed.post", ["text"] = text, ["createdAt"] = now.ToString("O"), ["langs"] = new JsonArray("en") },
        },
    }.ToJsonString();

    /// <summary>utime + stime of the process, in milliseconds (/proc/pid/stat fields 14 and 15, in clock ticks of 10 ms).</summary>
    private static double CpuMs(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
    }

    private static int Arg(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : fallback;
    }

    private static async Task<JetstreamServer> StartJetstreamAsync(Func<WebSocket, Task> replay)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest) { context.Response.StatusCode = 400; return; }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            await replay(socket);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new JetstreamServer(app, new Uri("ws" + address["http".Length..]));
    }

    private sealed record JetstreamServer(WebApplication App, Uri Url) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }
}
