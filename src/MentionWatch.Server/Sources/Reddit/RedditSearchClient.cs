using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MentionWatch.Core.Domain;
using MentionWatch.Server.Sources.Kit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.Reddit;

/// <summary>One listing page mapped to posts (newest first), with the fullname to continue after.</summary>
internal sealed record RedditPage(IReadOnlyList<(Post Post, string Fullname, double CreatedUtc)> Items, string? After, int Skipped);

/// <summary>
/// Typed HttpClient for <c>GET /search?sort=new&amp;limit=100</c> with the app-only bearer token. Obeys Reddit's
/// rate-limit headers: when <c>X-Ratelimit-Remaining</c> reaches 0 the next request waits <c>X-Ratelimit-Reset</c>
/// seconds (on the injected clock). A 401 refreshes the token once; a second 401 is a permanent failure.
/// </summary>
internal sealed partial class RedditSearchClient(
    HttpClient http,
    HttpSourceResilience<RedditSourceOptions> resilience,
    RedditTokenClient tokens,
    IOptions<RedditSourceOptions> options,
    TimeProvider time,
    ILogger<RedditSearchClient> logger)
{
    public const string SearchPath = "search";
    private readonly Lock _gate = new();
    private DateTimeOffset _resumeAt = DateTimeOffset.MinValue;

    public async Task<RedditPage> SearchAsync(string query, string? after, CancellationToken cancellationToken)
    {
        var uri = $"{SearchPath}?q={Uri.EscapeDataString(query)}&sort=new&limit=100&type=link&raw_json=1"
            + (after is null ? "" : "&after=" + Uri.EscapeDataString(after));
        for (var attempt = 1; ; attempt++)
        {
            await WaitForWindowAsync(cancellationToken).ConfigureAwait(false);
            var token = await tokens.GetTokenAsync(cancellationToken).ConfigureAwait(false);
            using var response = await resilience.Pipeline.ExecuteAsync(
                async ct =>
                {
                    using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                    request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                    request.Headers.TryAddWithoutValidation("User-Agent", options.Value.UserAgent);
                    var answer = await http.SendAsync(request, ct).ConfigureAwait(false);
                    Observe(answer);
                    return answer;
                },
                cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 1)
            {
                // Tokens expire (and can be revoked); one fresh token is worth a try, a second 401 is not.
                LogTokenRefused();
                tokens.Invalidate();
                continue;
            }

            if (response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
            {
                throw new SourceApiException(
                    $"Reddit answered {(int)response.StatusCode} {response.ReasonPhrase} with a fresh token; check Sources:Reddit:ClientId, ClientSecret and the app's access",
                    response.StatusCode);
            }

            if (!response.IsSuccessStatusCode)
            {
                var excerpt = body.Length > 500 ? body[..500] : body;
                throw new SourceApiException($"Reddit search answered {(int)response.StatusCode} {response.ReasonPhrase}: {excerpt}".TrimEnd(' ', ':'), response.StatusCode);
            }

            return Map(body);
        }
    }

    private async Task WaitForWindowAsync(CancellationToken ct)
    {
        TimeSpan wait;
        lock (_gate) wait = _resumeAt - time.GetUtcNow();
        if (wait <= TimeSpan.Zero) return;
        var max = TimeSpan.FromSeconds(options.Value.MaxRateLimitWaitSeconds);
        if (wait > max) throw new SourceApiException($"Reddit rate limit used up; it resets at {_resumeAt:O}, later than Sources:Reddit:MaxRateLimitWaitSeconds", HttpStatusCode.TooManyRequests);
        LogWaiting(wait);
        await Task.Delay(wait, time, ct).ConfigureAwait(false);
    }

    private void Observe(HttpResponseMessage response)
    {
        var now = time.GetUtcNow();
        if (RateLimitHeaders.ReadRemaining(response) is { } remaining && remaining < 1 && RateLimitHeaders.ReadReset(response, now) is { } reset)
        {
            lock (_gate) _resumeAt = reset;
        }
    }

    private RedditPage Map(string body)
    {
        RedditListingDto listing;
        try
        {
            listing = JsonSerializer.Deserialize(body, RedditJsonContext.Default.RedditListingDto) ?? throw new JsonException("the body is the JSON literal null");
            if (listing.Data?.Children is null) throw new JsonException("data.children is missing");
        }
        catch (JsonException ex)
        {
            throw new SourceApiException($"Reddit returned a search page that is not a Listing ({ex.Message})", null, ex, permanent: false);
        }

        var items = new List<(Post, string, double)>();
        var skipped = 0;
        foreach (var child in listing.Data.Children)
        {
            try
            {
                var thing = child.Deserialize(RedditJsonContext.Default.RedditThingDto) ?? throw new JsonException("child is null");
                items.Add(ToPost(thing));
            }
            catch (Exception ex) when (ex is JsonException or InvalidDataException or InvalidOperationException)
            {
                skipped++;
                LogSkipped(ex.Message);
            }
        }

        return new RedditPage(items, listing.Data.After, skipped);
    }

    private static (Post, string, double) ToPost(RedditThingDto thing)
    {
        var d = thing.Data ?? throw new InvalidDataException("thing has no data");
        if (string.IsNullOrWhiteSpace(d.Id) || string.IsNullOrWhiteSpace(d.Name)) throw new InvalidDataException("post has no id or name");
        if (d.CreatedUtc is not { } created) throw new InvalidDataException($"post {d.Name} has no created_utc");
        var text = string.Join("\n\n", new[] { d.Title, d.Selftext ?? d.Body }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (text.Length == 0) throw new InvalidDataException($"post {d.Name} has no text");
        var author = string.IsNullOrWhiteSpace(d.Author) ? "[deleted]" : d.Author;
        var post = new Post(
            RedditSource.SourceName,
            d.Name,
            text,
            DateTimeOffset.FromUnixTimeMilliseconds((long)(created * 1000)),
            new Author(d.AuthorFullname, author),
            Url: d.Permalink is null ? null : "https://www.reddit.com" + d.Permalink,
            InReplyTo: thing.Kind == "t1" ? d.ParentId : null);
        return (post, d.Name, created);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reddit refused the access token (401); fetching a new one and trying once more")]
    private partial void LogTokenRefused();

    [LoggerMessage(Level = LogLevel.Information, Message = "Reddit rate limit used up; waiting {Wait} for the window to reset")]
    private partial void LogWaiting(TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reddit post skipped: {Reason}")]
    private partial void LogSkipped(string reason);
}
