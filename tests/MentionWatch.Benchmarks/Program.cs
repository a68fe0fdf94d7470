using System.Text.Json;
using MentionWatch.Benchmarks;

if (args is ["alerts", .. var alertArgs]) return await RunAlertsAsync(alertArgs);
if (args is ["ingest-latency", .. var latencyArgs]) return await IngestLatencyBenchmark.RunAsync(latencyArgs, CancellationToken.None);
if (args is ["jetstream", .. var jetstreamArgs]) return await JetstreamBenchmark.RunAsync(jetstreamArgs, CancellationToken.None);

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
var ct = cts.Token;

ServerProcess? server = null;
try
{
    if (options.Url is null) server = await ServerProcess.StartAsync(options.Keep, ct);
    var url = server?.Url ?? options.Url!;
    var key = server?.AdminKey ?? options.Key!;
    var pid = server?.Pid ?? options.Pid;
    using var api = new ApiClient(url, key, options.Concurrency);

    await api.CreateBenchWatchesAsync(ct);
    var memory = new List<MemorySample?> { ProcessMemory.Read(pid, "before ingest") };

    var ingest = await IngestBenchmark.RunAsync(api, options, ct);
    var marker = SyntheticPosts.Marker(options.Seed);
    var found = ApiClient.CountItems(await api.GetAsync($"api/v1/mentions?q={marker}&limit=10", ct));
    Console.WriteLine($"searchable check: q={marker} found {found} mention(s) (expected 1)");
    memory.Add(ProcessMemory.Read(pid, "after ingest"));

    var from = Uri.EscapeDataString((SyntheticPosts.Anchor - SyntheticPosts.Span).ToString("O"));
    var to = Uri.EscapeDataString(SyntheticPosts.Anchor.ToString("O"));
    var week = Uri.EscapeDataString((SyntheticPosts.Anchor - TimeSpan.FromDays(7)).ToString("O"));
    var queries = new (string Name, string Path)[]
    {
        ("trends hour/sentiment 7d", $"api/v1/trends?watch=acme&from={week}&to={to}&interval=hour&groupBy=sentiment"),
        ("trends day/source 30d", $"api/v1/trends?watch=acme&from={from}&to={to}&interval=day&groupBy=source"),
        ("trends day/lang 30d", $"api/v1/trends?watch=globex&from={from}&to={to}&interval=day&groupBy=lang"),
        ("trends hour/lang 30d all", $"api/v1/trends?from={from}&to={to}&interval=hour&groupBy=lang"),
        ("mentions q=common (acme)", "api/v1/mentions?q=acme&limit=50"),
        ("mentions q=common ru", $"api/v1/mentions?q={Uri.EscapeDataString("приложение")}&limit=50"),
        ("mentions q=phrase", $"api/v1/mentions?q={Uri.EscapeDataString("\"battery life\"")}&limit=50"),
        ("mentions q=rare", $"api/v1/mentions?q={SyntheticPosts.RareWord}&limit=50"),
        ("mentions q=common+lang", "api/v1/mentions?q=refund%20OR%20charged&lang=en&limit=50"),
    };
    var latencies = new List<LatencyResult>();
    foreach (var (name, path) in queries)
    {
        var result = await LatencyBenchmark.RunAsync(api, name, path, options.Requests, ct);
        latencies.Add(result);
        Console.WriteLine($"  {name,-28} p50 {result.P50Ms,7:F2} ms   p99 {result.P99Ms,7:F2} ms");
    }

    memory.Add(ProcessMemory.Read(pid, "after queries"));
    Report.Print(options, ingest, found, latencies, memory.OfType<MemorySample>().ToList());
    return found >= 1 && ingest.Rejected == 0 ? 0 : 1;
}
catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TimeoutException or FileNotFoundException or JsonException)
{
    Console.Error.WriteLine("benchmark failed: " + ex.Message);
    return 1;
}
finally
{
    if (server is not null) await server.DisposeAsync();
}

// The alerts mode: send-to-webhook latency of a mention rule under background ingest (AlertBenchmark).
static async Task<int> RunAlertsAsync(string[] args)
{
    AlertBenchOptions options;
    try
    {
        options = AlertBenchOptions.Parse(args);
    }
    catch (ArgumentException ex)
    {
        Console.Error.WriteLine(ex.Message);
        return 2;
    }

    using var cts = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
    try
    {
        var result = await AlertBenchmark.RunAsync(options, cts.Token);
        AlertReport.Print(options, result);
        return AlertReport.Passed(result) ? 0 : 1;
    }
    catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or TimeoutException or FileNotFoundException or JsonException)
    {
        Console.Error.WriteLine("alert benchmark failed: " + ex.Message);
        return 1;
    }
}
