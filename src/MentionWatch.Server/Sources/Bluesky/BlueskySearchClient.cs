using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using MentionWatch.Core.Domain;
using MentionWatch.Server.Sources.Kit;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.Bluesky;

/// <summary>One page of <c>app.bsky.feed.searchPosts</c>.</summary>
internal sealed record BlueskySearchPage(IReadOnlyList<Post> Posts, string? Cursor, int Skipped);

/// <summary>
/// XRPC over HTTP: an app-password session (<c>com.atproto.server.createSession</c>, kept until refused) and
/// authenticated <c>app.bsky.feed.searchPosts</c>. A 401 opens a new session once; a refused login is permanent.
/// </summary>
internal sealed class BlueskySearchClient(HttpClient http, HttpSourceResilience<BlueskySourceOptions> resilience, IOptions<BlueskySourceOptions> options)
{
    public const string SessionPath = "xrpc/com.atproto.server.createSession";
    public const string SearchPath = "xrpc/app.bsky.feed.searchPosts";
    private readonly SemaphoreSlim _login = new(1, 1);
    private string? _accessJwt;

    public async Task<BlueskySearchPage> SearchAsync(string query, DateTimeOffset since, string? cursor, CancellationToken cancellationToken)
    {
        var uri = $"{SearchPath}?q={Uri.EscapeDataString(query)}&sort=latest&limit=100&since={Uri.EscapeDataString(since.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture))}";
        if (cursor is not null) uri += "&cursor=" + Uri.EscapeDataString(cursor);
        for (var attempt = 0; ; attempt++)
        {
            var token = await TokenAsync(cancellationToken).ConfigureAwait(false);
            using var response = await resilience.Pipeline.ExecuteAsync(async ct =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                return await http.SendAsync(request, ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                _accessJwt = null;
                continue;
            }

            if (!response.IsSuccessStatusCode) throw Error("searchPosts", response, body);
            return Parse(body);
        }
    }

    private static BlueskySearchPage Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (!root.TryGetProperty("posts", out var posts) || posts.ValueKind != JsonValueKind.Array) throw new JsonException("posts is missing");
            var list = new List<Post>();
            var skipped = 0;
            foreach (var item in posts.EnumerateArray())
            {
                if (ToPost(item) is { } post) list.Add(post);
                else skipped++;
            }

            var next = root.TryGetProperty("cursor", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            return new BlueskySearchPage(list, next, skipped);
        }
        catch (JsonException ex)
        {
            throw new SourceApiException($"Bluesky searchPosts returned a body that is not its JSON format ({ex.Message})", null, ex, permanent: false);
        }
    }

    /// <summary>A post view (<c>uri</c>, <c>author</c>, <c>record</c>); null when a field is missing.</summary>
    private static Post? ToPost(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object || !item.TryGetProperty("uri", out var u) || u.GetString() is not { } uri) return null;
        var parts = uri.StartsWith("at://", StringComparison.Ordinal) ? uri[5..].Split('/') : [];
        if (parts.Length != 3 || !item.TryGetProperty("record", out var record) || record.ValueKind != JsonValueKind.Object) return null;
        if (!item.TryGetProperty("author", out var author) || author.ValueKind != JsonValueKind.Object) return null;
        var handle = author.TryGetProperty("handle", out var h) ? h.GetString() : null;
        var name = author.TryGetProperty("displayName", out var n) ? n.GetString() : null;
        var indexed = item.TryGetProperty("indexedAt", out var i) && i.TryGetDateTimeOffset(out var at) ? at : DateTimeOffset.UnixEpoch;
        return JetstreamEvents.ToPost(parts[0], parts[1], parts[2], record, indexed, handle, name);
    }

    private async Task<string> TokenAsync(CancellationToken ct)
    {
        if (_accessJwt is { } cached) return cached;
        await _login.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_accessJwt is { } again) return again;
            var o = options.Value;
            using var response = await resilience.Pipeline.ExecuteAsync(async t =>
                await http.PostAsJsonAsync(SessionPath, new Dictionary<string, string?> { ["identifier"] = o.Identifier, ["password"] = o.AppPassword }, t).ConfigureAwait(false), ct).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                // A refused app password does not heal by retrying.
                var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.BadRequest or HttpStatusCode.Forbidden;
                throw new SourceApiException($"Bluesky refused the session for Sources:Bluesky:Identifier ({(int)response.StatusCode}): check Identifier and AppPassword; {Excerpt(body)}", response.StatusCode, permanent: refused);
            }

            using var document = JsonDocument.Parse(body);
            return _accessJwt = document.RootElement.GetProperty("accessJwt").GetString() ?? throw new SourceApiException("Bluesky createSession returned no accessJwt");
        }
        finally
        {
            _login.Release();
        }
    }

    private static SourceApiException Error(string what, HttpResponseMessage response, string body) =>
        new($"Bluesky {what} answered {(int)response.StatusCode} {response.ReasonPhrase}: {Excerpt(body)}", response.StatusCode);

    private static string Excerpt(string body) => body.Length > 300 ? body[..300] : body;
}
