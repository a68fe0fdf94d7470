using System.Buffers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// Writes mentions with _bulk <c>create</c> in chunks bounded by count and bytes. Per item: created; 409 = duplicate;
/// 429 / es_rejected_execution_exception (and 5xx) sent again after an exponential backoff with jitter (Polly); any
/// other refusal (document_parsing_exception, ...) dead-lettered with its reason. Returns only when every item has an
/// outcome the cluster acknowledged, so the caller may then write the cursors; throws when rejections outlast the retries.
/// Only one chunk's bytes are held at a time: under back-pressure memory stays at one chunk, callers wait.
/// </summary>
internal sealed class BulkMentionWriter
{
    private readonly ElasticsearchConnection _connection;
    private readonly ElasticsearchIndexNames _names;
    private readonly ElasticsearchStoreOptions _options;
    private readonly ElasticsearchStoreStatistics _statistics;
    private readonly DeadLetterWriter _deadLetters;
    private readonly ResiliencePipeline<int> _retry;

    public BulkMentionWriter(ElasticsearchConnection connection, ElasticsearchIndexNames names, ElasticsearchStoreOptions options,
        ElasticsearchStoreStatistics statistics, TimeProvider timeProvider, ILogger logger)
    {
        _connection = connection;
        _names = names;
        _options = options;
        _statistics = statistics;
        _deadLetters = new DeadLetterWriter(connection, names, timeProvider);
        _retry = new ResiliencePipelineBuilder<int> { TimeProvider = timeProvider }
            .AddRetry(new RetryStrategyOptions<int>
            {
                // The result is the number of items still rejected after an attempt.
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result > 0
                    || args.Outcome.Exception is ElasticsearchStoreException { StatusCode: null or 429 or 502 or 503 or 504 }),
                MaxRetryAttempts = Math.Max(1, options.BulkMaxRetries),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = TimeSpan.FromMilliseconds(options.RetryBaseDelayMilliseconds),
                MaxDelay = TimeSpan.FromSeconds(30),
                OnRetry = args =>
                {
                    ElasticsearchLog.BulkRetry(logger, args.Outcome.Exception, args.Outcome.Result, args.AttemptNumber + 1, args.RetryDelay);
                    return ValueTask.CompletedTask;
                },
            })
            .Build();
    }

    /// <summary>Sends one chunk (already serialized) until every item has an outcome.</summary>
    public async Task WriteChunkAsync(IReadOnlyList<PendingDocument> chunk, CancellationToken cancellationToken)
    {
        if (_options.BulkMaxRetries == 0)
        {
            if (await SendPendingAsync(chunk, cancellationToken).ConfigureAwait(false) > 0) ThrowRejected(chunk);
        }
        else
        {
            var rejected = await _retry.ExecuteAsync(async ct => await SendPendingAsync(chunk, ct).ConfigureAwait(false), cancellationToken)
                .ConfigureAwait(false);
            if (rejected > 0) ThrowRejected(chunk);
        }

        var deadLetters = chunk.Where(d => d.Outcome == WriteOutcome.DeadLettered).ToList();
        if (deadLetters.Count > 0) await _deadLetters.WriteAsync(deadLetters, cancellationToken).ConfigureAwait(false);
        _statistics.AddStored(chunk.Count(d => d.Outcome == WriteOutcome.Created));
        _statistics.AddDuplicates(chunk.Count(d => d.Outcome == WriteOutcome.Duplicate));
        _statistics.AddDeadLettered(deadLetters.Count);
        foreach (var document in chunk) document.Body = null;
    }

    /// <summary>The NDJSON bytes an item adds to a request (action line, source, two newlines), for chunking by bytes.</summary>
    public int ItemBytes(PendingDocument document) => document.Body!.Length + document.DocumentId.Length + _names.Mentions.Length + 40;

    private async Task<int> SendPendingAsync(IReadOnlyList<PendingDocument> chunk, CancellationToken cancellationToken)
    {
        var pending = chunk.Where(d => d.Outcome == WriteOutcome.Pending).ToList();
        if (pending.Count == 0) return 0;
        var body = BuildBody(pending);
        _statistics.AddBulkRequest();
        var response = await _connection.SendAsync(HttpMethod.POST, BulkPath(), body.WrittenMemory, cancellationToken, ndjson: true)
            .ConfigureAwait(false);
        if (response.StatusCode is 429 or 502 or 503 or 504)
        {
            _statistics.AddRejected(pending.Count);
            return pending.Count;
        }
        ElasticsearchConnection.EnsureSuccess(response, "bulk write of mentions");

        using var json = response.Json();
        var items = json.RootElement.GetProperty("items");
        if (items.GetArrayLength() != pending.Count)
            throw new ElasticsearchStoreException($"bulk response has {items.GetArrayLength()} items for {pending.Count} documents");
        var rejected = 0;
        var i = 0;
        foreach (var item in items.EnumerateArray())
        {
            var document = pending[i++];
            var (verdict, type, reason) = BulkItemClassifier.Classify(item);
            switch (verdict)
            {
                case BulkItemVerdict.Created:
                    document.Outcome = WriteOutcome.Created;
                    // The backing index that holds it: where in-place updates (triage, reply links) must go.
                    document.Index = item.EnumerateObject().First().Value.TryGetProperty("_index", out var index) ? index.GetString() : null;
                    break;
                case BulkItemVerdict.Duplicate: document.Outcome = WriteOutcome.Duplicate; break;
                case BulkItemVerdict.Retry: rejected++; break;
                default:
                    document.Outcome = WriteOutcome.DeadLettered;
                    document.ErrorType = type;
                    document.ErrorReason = reason;
                    break;
            }
        }
        _statistics.AddRejected(rejected);
        return rejected;
    }

    private ArrayBufferWriter<byte> BuildBody(List<PendingDocument> pending)
    {
        var buffer = new ArrayBufferWriter<byte>(pending.Sum(ItemBytes));
        foreach (var document in pending)
        {
            using (var action = new Utf8JsonWriter(buffer, MentionDocument.WriterOptions))
            {
                action.WriteStartObject();
                action.WriteStartObject("create");
                action.WriteString("_index", _names.Mentions);
                action.WriteString("_id", document.DocumentId);
                action.WriteEndObject();
                action.WriteEndObject();
            }
            buffer.Write("\n"u8);
            buffer.Write(document.Body);
            buffer.Write("\n"u8);
        }
        return buffer;
    }

    private string BulkPath() =>
        "/_bulk?filter_path=errors,items.*._index,items.*.status,items.*.error.type,items.*.error.reason" + (_options.WaitForRefresh ? "&refresh=wait_for" : "");

    private static void ThrowRejected(IReadOnlyList<PendingDocument> chunk)
    {
        var left = chunk.Count(d => d.Outcome == WriteOutcome.Pending);
        throw new ElasticsearchStoreException(
            $"Elasticsearch kept rejecting {left} of {chunk.Count} mentions (429 / es_rejected_execution_exception) after every retry; " +
            "the batch and its cursors were not acknowledged and will be sent again", 429, "es_rejected_execution_exception");
    }
}
