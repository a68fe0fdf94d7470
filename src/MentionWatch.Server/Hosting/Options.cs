using System.ComponentModel.DataAnnotations;

namespace MentionWatch.Server.Hosting;

/// <summary>
/// Where the embedded store keeps its files (<c>Storage:Path</c>, env <c>Storage__Path</c>). A relative path is relative to the
/// current directory of the process, like any command-line path; the resolved directory is logged at start.
/// </summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "./data";

    /// <summary>Mentions posted more than this many days ago are deleted in the background; 0 keeps them forever.</summary>
    [Range(0, 36_500)]
    public int RetentionDays { get; set; }

    /// <summary>Trend rollups are kept this many days (at least <see cref="RetentionDays"/>); only pruned when <see cref="RetentionDays"/> is on.</summary>
    [Range(1, 36_500)]
    public int RollupRetentionDays { get; set; } = 400;
}

/// <summary>Model files for the sentiment and needs-reply classifiers.</summary>
public sealed class ClassificationOptions
{
    public const string Section = "Classification";

    [Required(AllowEmptyStrings = false)]
    public string SentimentModelPath { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, "models", "sentiment.mwm");

    [Required(AllowEmptyStrings = false)]
    public string NeedsReplyModelPath { get; set; } = System.IO.Path.Combine(AppContext.BaseDirectory, "models", "needs-reply.mwm");
}

/// <summary>Sizes of the pipeline's channels and workers.</summary>
public sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>Submitted batches waiting between two stages; a full channel makes submitters wait.</summary>
    [Range(1, 10_000)]
    public int ChannelCapacity { get; set; } = 64;

    /// <summary>Classification workers; 0 means one per processor.</summary>
    [Range(0, 256)]
    public int ClassifyWorkers { get; set; }

    /// <summary>Most posts written in one store transaction when several submitters' batches are merged.</summary>
    [Range(1, 100_000)]
    public int MaxStoreBatch { get; set; } = 8_000;

    [Range(1, 1_000_000)]
    public int MaxTextLength { get; set; } = 20_000;
}

/// <summary>Limits of the HTTP API.</summary>
public sealed class ApiOptions
{
    public const string Section = "Api";

    /// <summary>Larger request bodies get 413.</summary>
    [Range(1_024, 1_073_741_824)]
    public long MaxRequestBodyBytes { get; set; } = 16 * 1024 * 1024;

    [Range(1, 1_000_000)]
    public int MaxPostsPerIngest { get; set; } = 10_000;

    /// <summary>Largest <c>limit</c> for /mentions; the SQLite store serves at most 1,000 per page.</summary>
    [Range(1, 1_000)]
    public int MaxPageSize { get; set; } = 1_000;

    /// <summary>Longer URLs (path and query string) get a 414 ProblemDetails naming the longest parameter.</summary>
    [Range(1_024, 512 * 1024)]
    public int MaxUrlLength { get; set; } = 16 * 1024;
}

/// <summary>The live streams (<c>GET /api/v1/mentions/stream</c>, <c>GET /api/v1/alerts/stream</c>).</summary>
public sealed class LiveOptions
{
    public const string Section = "Live";

    /// <summary>
    /// After this many seconds without a frame the stream sends an SSE comment, so proxies with idle timeouts
    /// (often 60 s) keep quiet subscriptions open and clients can tell a dead connection from a quiet brand.
    /// </summary>
    [Range(1, 300)]
    public int KeepAliveSeconds { get; set; } = 15;

    /// <summary>
    /// At most this many stored mentions are replayed to a mention-stream client that reconnects with
    /// <c>Last-Event-ID</c>; beyond it the stream says in a comment which ids it skipped and goes live.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxReplay { get; set; } = 10_000;
}

/// <summary>The offline demo source (<c>Sources:Demo</c>).</summary>
public sealed class DemoSourceOptions
{
    public const string Section = "Sources:Demo";

    public bool Enabled { get; set; }

    [Range(0.05, 86_400)]
    public double IntervalSeconds { get; set; } = 3;

    [Range(1, 1_000)]
    public int PostsPerTick { get; set; } = 2;

    /// <summary>On an empty store, replays every sample once spread over this many past hours so trends show data at once.</summary>
    [Range(0, 24 * 90)]
    public int BackfillHours { get; set; } = 48;
}

/// <summary>A watch defined in configuration (<c>Watches:N:Name</c> ...); seeded into the store when missing.</summary>
public sealed class WatchConfig
{
    public string? Name { get; set; }
    public string? Query { get; set; }
    public List<string> OwnHandles { get; set; } = [];
    public List<string> Competitors { get; set; } = [];
    /// <summary>Noise rules (<c>Watches:{n}:Noise</c>); seeded with the watch, then changed through the API.</summary>
    public Pipeline.Noise.NoiseOptions? Noise { get; set; }
}
