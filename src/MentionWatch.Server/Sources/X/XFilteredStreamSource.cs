using System.Net;
using System.Runtime.CompilerServices;
using System.Text.Json;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Sources.Kit.Query;
using MentionWatch.Server.Sources.Kit.Streaming;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.X;

/// <summary>
/// X's filtered stream beside recent search: before connecting, and every <see cref="XStreamOptions.RulesSyncSeconds"/>
/// while connected, the stream rules are synced with the watches (one rule per watch, tagged with its name, value
/// from <see cref="XQueryTranslator"/> so X's 512-character limit holds; stale rules deleted). Lines are tweets
/// (<c>{data, includes, matching_rules}</c>) or keep-alive newlines; a gap after a disconnect is backfilled by recent
/// search per watch from the last tweet id seen (the cursor <c>x:stream</c>).
/// </summary>
internal sealed partial class XFilteredStreamSource(
    XStreamClient client, XRecentSearchClient search, XPostMapper mapper, IWatchStore watches, IOptions<XSourceOptions> options,
    TimeProvider time, ILogger<XFilteredStreamSource> logger) : IStreamingSource
{
    public string Name => XPostMapper.SourceName;
    public string? DisabledReason => !options.Value.HasBearerToken ? "Sources:X:BearerToken is not set" : !options.Value.Stream.Enabled ? "Sources:X:Stream:Enabled is false" : null;
    public StreamingOptions Streaming => options.Value.Stream.Streaming;

    public async IAsyncEnumerable<StreamMessage> ReadAsync(string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await SyncRulesAsync(cancellationToken).ConfigureAwait(false);
        var synced = time.GetUtcNow();
        using var response = await client.OpenStreamAsync(cancellationToken).ConfigureAwait(false);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await foreach (var line in LineStream.ReadLinesAsync(body, cancellationToken).ConfigureAwait(false))
        {
            if (time.GetUtcNow() - synced >= TimeSpan.FromSeconds(options.Value.Stream.RulesSyncSeconds))
            {
                await SyncRulesAsync(cancellationToken).ConfigureAwait(false);
                synced = time.GetUtcNow();
            }

            yield return line.Trim().Length == 0 ? StreamMessage.Heartbeat : Read(line);
        }
    }

    /// <summary>Recent search per watch since the last streamed tweet id (nothing to anchor on without one).</summary>
    public async Task<StreamMessage> BackfillAsync(StreamGap gap, string? cursor, CancellationToken cancellationToken)
    {
        if (cursor is null) return StreamMessage.Heartbeat;
        var posts = new List<Post>();
        foreach (var rule in await DesiredRulesAsync(cancellationToken).ConfigureAwait(false))
        {
            var result = await search.SearchAsync(rule.Value, cursor, null, cancellationToken).ConfigureAwait(false);
            posts.AddRange(result.Posts);
        }

        // Tweet ids are snowflakes: a longer id is newer, equal lengths compare as text.
        var newest = posts.Select(p => p.ExternalId).Append(cursor).OrderBy(id => id.Length).ThenBy(id => id, StringComparer.Ordinal).Last();
        return new StreamMessage(posts.DistinctBy(p => p.ExternalId).ToList(), newest);
    }

    public TimeSpan? ReconnectDelay(Exception? error, int failedAttempts)
    {
        var o = options.Value.Stream;
        var n = Math.Min(failedAttempts, 20);
        return error switch
        {
            XStreamHttpException { StatusCode: HttpStatusCode.TooManyRequests } => Cap(o.RateLimitBackoffMilliseconds * Math.Pow(2, n - 1), TimeSpan.FromMinutes(15)),
            XStreamHttpException or XApiException { StatusCode: not null } => Cap(o.HttpErrorBackoffMilliseconds * Math.Pow(2, n - 1), TimeSpan.FromSeconds(320)),
            _ => Cap(o.NetworkBackoffMilliseconds * (double)failedAttempts, TimeSpan.FromSeconds(16)),
        };
    }

    private static TimeSpan Cap(double milliseconds, TimeSpan max) => TimeSpan.FromMilliseconds(Math.Min(milliseconds, max.TotalMilliseconds));

    /// <summary>Adds the rules of new or changed watches and deletes those of watches removed or changed.</summary>
    internal async Task SyncRulesAsync(CancellationToken ct)
    {
        var desired = await DesiredRulesAsync(ct).ConfigureAwait(false);
        var current = await client.GetRulesAsync(ct).ConfigureAwait(false);
        var stale = current.Where(r => !desired.Any(d => d.Value == r.Value && d.Tag == r.Tag)).Select(r => r.Id).OfType<string>().ToList();
        var missing = desired.Where(d => !current.Any(r => r.Value == d.Value && r.Tag == d.Tag)).ToList();
        if (stale.Count > 0) await client.DeleteRulesAsync(stale, ct).ConfigureAwait(false);
        if (missing.Count > 0) await client.AddRulesAsync(missing, ct).ConfigureAwait(false);
        if (stale.Count + missing.Count > 0) LogRulesSynced(missing.Count, stale.Count);
    }

    private async Task<IReadOnlyList<XStreamRule>> DesiredRulesAsync(CancellationToken ct)
    {
        var plan = await WatchQueries.PlanAsync(watches, XWatchQueries.Translate, ct).ConfigureAwait(false);
        return plan.Targets.Select(t => new XStreamRule(null, t.Query, t.Id)).ToList();
    }

    private StreamMessage Read(string line)
    {
        try
        {
            var dto = JsonSerializer.Deserialize(line, XStreamJsonContext.Default.XStreamLineDto) ?? throw new JsonException("the line is null");
            if (dto.Data is not { } data)
            {
                // An error line without a tweet is X closing the connection (operational disconnect).
                var problem = dto.Errors?.FirstOrDefault();
                throw new XApiException($"X ended the stream: {problem?.Title ?? "error"} {problem?.Detail ?? problem?.Message}".Trim());
            }

            var posts = mapper.Map(new XSearchResponseDto([data], dto.Includes, null, null), out _);
            return posts.Count == 0 ? StreamMessage.Heartbeat : new StreamMessage(posts, posts[0].ExternalId);
        }
        catch (JsonException ex)
        {
            LogMalformed(ex.Message);
            return StreamMessage.Heartbeat;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "x stream rules synced: {Added} added, {Deleted} deleted")]
    private partial void LogRulesSynced(int added, int deleted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "x stream line skipped: {Reason}")]
    private partial void LogMalformed(string reason);
}

internal sealed record XStreamLineDto(JsonElement? Data, XIncludesDto? Includes, List<XProblemDto>? Errors);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNameCaseInsensitive = true)]
[System.Text.Json.Serialization.JsonSerializable(typeof(XStreamLineDto))]
internal sealed partial class XStreamJsonContext : System.Text.Json.Serialization.JsonSerializerContext;
