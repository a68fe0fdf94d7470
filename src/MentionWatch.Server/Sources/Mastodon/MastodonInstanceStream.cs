using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Sources.HackerNews;
using MentionWatch.Server.Sources.Kit;
using MentionWatch.Server.Sources.Kit.Query;
using MentionWatch.Server.Sources.Kit.Streaming;

namespace MentionWatch.Server.Sources.Mastodon;

/// <summary>
/// One instance's streaming API (server-sent events: <c>event: update</c> + <c>data: {status}</c>, <c>:thump</c>
/// comments as heartbeats). Statuses are matched locally; a gap after a reconnect is searched per watch
/// (<c>/api/v2/search?type=statuses</c>), since the streaming API cannot resume.
/// </summary>
internal sealed partial class MastodonInstanceStream(
    MastodonInstanceOptions instance, MastodonSourceOptions options, HttpClient http, HttpSourceResilience<MastodonSourceOptions> resilience,
    IWatchStore watches, LocalWatchFilter filter, TimeProvider time, ILogger logger) : IStreamingSource
{
    private readonly Uri _root = new(instance.Url!.TrimEnd('/') + "/");
    private bool _connectedBefore;

    public string Host => _root.Authority;
    public string Name => MastodonStatuses.SourceName;
    public string? DisabledReason => null;
    public StreamingOptions Streaming => options.Streaming;
    public string CursorKey => $"{Name}:stream.{Host}";
    public string? StatusTarget => Host;

    public Uri StreamUri => instance.Hashtag is { Length: > 0 } tag
        ? new Uri(_root, "api/v1/streaming/hashtag?tag=" + Uri.EscapeDataString(tag))
        : new Uri(_root, "api/v1/streaming/public");

    public async IAsyncEnumerable<StreamMessage> ReadAsync(string? cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var request = Request(StreamUri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            throw new SourceApiException($"{Host} streaming answered {(int)response.StatusCode} {response.ReasonPhrase}: {Excerpt(body)}".TrimEnd(' ', ':'), response.StatusCode);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (!_connectedBefore && long.TryParse(cursor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var lastSeen))
        {
            // After a restart the host knows no gap, but the stored cursor says when this instance last delivered.
            StreamMessage missed;
            try
            {
                missed = await BackfillAsync(new StreamGap(DateTimeOffset.FromUnixTimeSeconds(lastSeen), time.GetUtcNow()), cursor, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The live stream matters more than what was missed while stopped.
                LogRestartBackfillFailed(Host, ex.Message);
                missed = StreamMessage.Heartbeat;
            }

            _connectedBefore = true;
            yield return missed;
        }

        _connectedBefore = true;
        string? eventName = null;
        var data = new StringBuilder();
        await foreach (var line in LineStream.ReadLinesAsync(stream, cancellationToken).ConfigureAwait(false))
        {
            if (line.StartsWith(':'))
            {
                yield return StreamMessage.Heartbeat;
                continue;
            }

            if (line.Length > 0)
            {
                if (line.StartsWith("event:", StringComparison.Ordinal)) eventName = line[6..].Trim();
                else if (line.StartsWith("data:", StringComparison.Ordinal)) data.Append(data.Length > 0 ? "\n" : "").Append(line[5..].TrimStart());
                continue;
            }

            // A blank line ends an event; one cut before it is never dispatched.
            var (name, payload) = (eventName, data.ToString());
            (eventName, data) = (null, data.Clear());
            if (name != "update" || payload.Length == 0)
            {
                yield return StreamMessage.Heartbeat;
                continue;
            }

            var post = Parse(payload);
            yield return post is not null && filter.Matches(post) ? new StreamMessage([post], post.CreatedAt.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture)) : StreamMessage.Heartbeat;
        }
    }

    /// <summary>Searches every watch's terms and keeps the statuses from the gap that the watch matches.</summary>
    public async Task<StreamMessage> BackfillAsync(StreamGap gap, string? cursor, CancellationToken cancellationToken)
    {
        var plan = await WatchQueries.PlanAsync(watches, w => WatchQueries.Translate(w, HnQuery.Translate), cancellationToken).ConfigureAwait(false);
        var found = new List<Post>();
        foreach (var term in plan.Targets.SelectMany(t => t.Query.Split(" OR ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            // Statuses come newest first; each next page asks for those older than the oldest seen (max_id).
            string? maxId = null;
            for (var page = 0; page < options.BackfillMaxPages; page++)
            {
                var query = $"api/v2/search?q={Uri.EscapeDataString(term)}&type=statuses&resolve=false&limit={options.BackfillLimit}";
                if (maxId is not null) query += "&max_id=" + Uri.EscapeDataString(maxId);
                var uri = new Uri(_root, query);
                using var response = await resilience.Pipeline.ExecuteAsync(async ct =>
                {
                    using var request = Request(uri);
                    return await http.SendAsync(request, ct).ConfigureAwait(false);
                }, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode) throw new SourceApiException($"{Host} search answered {(int)response.StatusCode}: {Excerpt(body)}", response.StatusCode);
                var (posts, count, oldestId) = ParseSearch(body);
                found.AddRange(posts.Where(p => p.CreatedAt >= gap.From && filter.Matches(p)));
                if (count < options.BackfillLimit || oldestId is null || oldestId == maxId || posts.Any(p => p.CreatedAt < gap.From)) break;
                maxId = oldestId;
            }
        }

        return new StreamMessage(found.DistinctBy(p => p.ExternalId).ToList(), cursor);
    }

    /// <summary>The page's statuses as posts, how many statuses it held (readable or not) and the id of the oldest.</summary>
    private (List<Post> Posts, int Count, string? OldestId) ParseSearch(string body)
    {
        List<Post> posts = [];
        string? oldest = null;
        var count = 0;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (!document.RootElement.TryGetProperty("statuses", out var statuses) || statuses.ValueKind != JsonValueKind.Array) throw new JsonException("statuses is missing");
            foreach (var status in statuses.EnumerateArray())
            {
                count++;
                if (status.ValueKind == JsonValueKind.Object && status.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String) oldest = id.GetString();
                try
                {
                    posts.Add(MastodonStatuses.ToPost(status, Host));
                }
                catch (InvalidDataException ex)
                {
                    LogSkipped(Host, ex.Message);
                }
            }
        }
        catch (JsonException ex)
        {
            throw new SourceApiException($"{Host} search returned a body that is not Mastodon's search format ({ex.Message})", null, ex, permanent: false);
        }

        return (posts, count, oldest);
    }

    private Post? Parse(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return MastodonStatuses.ToPost(document.RootElement, Host);
        }
        catch (Exception ex) when (ex is JsonException or InvalidDataException or InvalidOperationException)
        {
            LogSkipped(Host, ex.Message);
            return null;
        }
    }

    private HttpRequestMessage Request(Uri uri)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, uri);
        if (!string.IsNullOrWhiteSpace(instance.AccessToken)) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", instance.AccessToken);
        return request;
    }

    private static string Excerpt(string body) => body.Length > 300 ? body[..300] : body;

    [LoggerMessage(Level = LogLevel.Error, Message = "mastodon {Instance}: backfill after the restart failed: {Error}")]
    private partial void LogRestartBackfillFailed(string instance, string error);

    [LoggerMessage(Level = LogLevel.Warning, Message = "mastodon {Instance}: status skipped: {Reason}")]
    private partial void LogSkipped(string instance, string reason);
}
