using System.Diagnostics;
using MentionWatch.Core.Bench;
using MentionWatch.Core.Query;
using MentionWatch.Core.Storage;
using MentionWatch.Core.Storage.Sqlite;

// Usage: MentionWatch.Core.Bench [count=1000000] [directory=<temp>] [--keep] [--no-seed] [--no-queries] [--batch=1000] [--writers=1] [--rematch[=500]]
var count = args.Length > 0 && int.TryParse(args[0], out var c) ? c : 1_000_000;
var directory = args.Length > 1 && !args[1].StartsWith('-')
    ? args[1] : Path.Combine(Path.GetTempPath(), "mw-bench-" + Guid.NewGuid().ToString("N"));
var keep = args.Contains("--keep");
var writers = args.FirstOrDefault(a => a.StartsWith("--writers=", StringComparison.Ordinal)) is { } w ? int.Parse(w[10..]) : 1;
var seed = !args.Contains("--no-seed");
var runQueries = !args.Contains("--no-queries");
var batchSize = args.FirstOrDefault(a => a.StartsWith("--batch=", StringComparison.Ordinal)) is { } b ? int.Parse(b[8..]) : 1_000;
var start = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
var span = TimeSpan.FromDays(60);

Console.WriteLine($"store: {directory}, mentions: {count:N0}, batch: {batchSize}");
try
{
    using var store = new SqliteMentionStore(new SqliteStoreOptions { Path = directory });
    if (seed) await Seed(store);
    if (runQueries) await Queries(store);
    if (args.FirstOrDefault(a => a.StartsWith("--rematch", StringComparison.Ordinal)) is { } rematch)
        await Rematch.RunAsync(store, start, span, batchSize, rematch.Contains('=') ? int.Parse(rematch[(rematch.IndexOf('=') + 1)..]) : 500);
    var size = new DirectoryInfo(directory).GetFiles().Sum(f => f.Length);
    Console.WriteLine($"database size: {size / 1024.0 / 1024.0:N1} MiB ({size / Math.Max(1, count):N0} bytes/mention)");
}
finally
{
    if (!keep) Directory.Delete(directory, recursive: true);
}

async Task Seed(SqliteMentionStore store)
{
    // Several writers call StoreAsync concurrently; each call is its own transaction (the server merges batches in its
    // pipeline before they reach the store).
    var generator = new SyntheticMentions(42, start, span, count);
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var window = Stopwatch.StartNew();
    IReadOnlyList<MentionWatch.Core.Domain.Mention> Next(int _)
    {
        lock (generator) return generator.Next(batchSize);
    }
    void Progress(int total)
    {
        if (total % 100_000 >= batchSize || total < 100_000) return;
        lock (window)
        {
            Console.WriteLine($"  {total,9:N0} stored, last 100k at {100_000 / window.Elapsed.TotalSeconds:N0}/s");
            window.Restart();
        }
    }
    var result = await StoreLoad.RunAsync(store, (count + batchSize - 1) / batchSize, Next, writers, Progress);
    var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
    Console.WriteLine($"ingest: {result.Stored:N0} mentions in {result.Elapsed.TotalSeconds:N1} s with {writers} concurrent writer(s), batches of {batchSize} = {result.MentionsPerSecond:N0} mentions/s (synthetic generation included)");
    Console.WriteLine($"ingest CPU (all threads, incl. generation): {cpu.TotalSeconds:N1} s = {result.Stored / cpu.TotalSeconds:N0} mentions per CPU-second");
}

async Task Queries(SqliteMentionStore store)
{
    var random = new Random(7);
    var trends = new (string Name, Func<TrendRequest> Request)[]
    {
        ("acme 30d hourly by sentiment", () => new TrendRequest("acme", RandomDay(random, 30), default, TrendInterval.Hour, TrendGroupBy.Sentiment)),
        ("all 60d daily by source", () => new TrendRequest(null, start, start + span, TrendInterval.Day, TrendGroupBy.Source)),
        ("globex 7d hourly by lang", () => new TrendRequest("globex", RandomDay(random, 7), default, TrendInterval.Hour, TrendGroupBy.Lang)),
    };
    foreach (var (name, make) in trends)
    {
        await Measure($"trends  {name}", async () =>
        {
            var request = make();
            if (request.To == default) request = request with { To = request.From.AddDays(name.Contains("30d") ? 30 : 7) };
            return (await store.TrendsAsync(request, CancellationToken.None)).Buckets.Count;
        });
    }

    var searches = new (string Name, MentionFilter Filter)[]
    {
        ("no query (latest)", new MentionFilter()),
        ("common term: acme", new MentionFilter(QueryParser.Parse("acme"))),
        ("rare term: zephyrine", new MentionFilter(QueryParser.Parse("zephyrine"))),
        ("phrase: \"support team\"", new MentionFilter(QueryParser.Parse("\"support team\""))),
        ("NOT: acme -spam -#acme", new MentionFilter(QueryParser.Parse("acme -spam -#acme"))),
        ("OR + prefix: чайник* OR kettle", new MentionFilter(QueryParser.Parse("чайник* OR kettle"))),
        ("acme + watch,sentiment,lang filters", new MentionFilter(QueryParser.Parse("acme"), Watch: "acme", Sentiment: "negative", Lang: "ru")),
        ("watch only: globex", new MentionFilter(Watch: "globex")),
        ("sentiment+needsReply only", new MentionFilter(Sentiment: "negative", NeedsReply: true)),
        ("acme in a 1-day window", new MentionFilter(QueryParser.Parse("acme"), From: start.AddDays(20), To: start.AddDays(21))),
        ("rare AND common: zephyrine acme", new MentionFilter(QueryParser.Parse("zephyrine acme"))),
        ("empty intersection: kettle lang:ru", new MentionFilter(QueryParser.Parse("kettle lang:ru"))),
        ("pure negative: -acme -lang:ru", new MentionFilter(QueryParser.Parse("-acme -lang:ru"))),
    };
    foreach (var (name, filter) in searches)
        await Measure($"search  {name}", async () => (await store.SearchAsync(filter, 50, null, CancellationToken.None)).Items.Count);

    // Deep pages: follow the cursor ten pages down a common term.
    await Measure("search  acme page 10 (cursor)", async () =>
    {
        string? cursor = null;
        var items = 0;
        for (var page = 0; page < 10; page++)
        {
            var result = await store.SearchAsync(new MentionFilter(QueryParser.Parse("acme")), 50, cursor, CancellationToken.None);
            items = result.Items.Count;
            cursor = result.NextCursor;
        }
        return items;
    }, iterations: 30);

    var exported = 0L;
    var export = Stopwatch.StartNew();
    await foreach (var _ in store.ExportAsync(new MentionFilter(QueryParser.Parse("globex")), CancellationToken.None)) exported++;
    Console.WriteLine($"export  globex: {exported:N0} mentions in {export.Elapsed.TotalSeconds:N1} s = {exported / export.Elapsed.TotalSeconds:N0}/s");
}

static DateTimeOffset RandomDay(Random random, int days) =>
    new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(random.Next(0, 60 - days));

static async Task Measure(string name, Func<Task<int>> run, int iterations = 200)
{
    await run(); // warm-up
    var times = new double[iterations];
    var rows = 0;
    for (var i = 0; i < iterations; i++)
    {
        var stopwatch = Stopwatch.StartNew();
        rows = await run();
        times[i] = stopwatch.Elapsed.TotalMilliseconds;
    }
    Array.Sort(times);
    Console.WriteLine($"{name,-50} p50 {times[iterations / 2],7:N2} ms  p99 {times[(int)(iterations * 0.99)],7:N2} ms  ({rows} rows)");
}
