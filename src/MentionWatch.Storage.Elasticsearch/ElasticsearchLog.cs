using Microsoft.Extensions.Logging;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>The store's log lines, source-generated (no boxing or parsing when the level is off).</summary>
internal static partial class ElasticsearchLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Elasticsearch rejected {Rejected} mentions; retry {Attempt} in {Delay}")]
    public static partial void BulkRetry(ILogger logger, Exception? exception, object? rejected, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Information, Message = "Elasticsearch store at {Urls} (index prefix {IndexPrefix}, auth {AuthKind})")]
    public static partial void Opened(ILogger logger, string urls, string indexPrefix, string authKind);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to Elasticsearch {Version}")]
    public static partial void Connected(ILogger logger, string version);

    [LoggerMessage(Level = LogLevel.Information, Message = "Elasticsearch indices ready (definition version {Version}, prefix {IndexPrefix})")]
    public static partial void IndicesReady(ILogger logger, int version, string indexPrefix);
}
