using System.Globalization;
using System.Text.Json;
using MentionWatch.Core.Domain;
using MentionWatch.Server.Sources.Kit;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.Vk;

/// <summary>One page of <c>newsfeed.search</c>.</summary>
internal sealed record VkPage(IReadOnlyList<Post> Posts, string? NextFrom, int Skipped);

/// <summary>
/// <c>newsfeed.search</c> over HTTP. VK answers errors with HTTP 200 and <c>{"error": {error_code, error_msg}}</c>:
/// 6 (too many requests per second) backs off and retries, 9 (flood control) waits longer and retries once,
/// 29 (rate limit reached) pauses the source until the next day (UTC), 5 (authorization failed) is permanent.
/// </summary>
internal sealed class VkApiClient(HttpClient http, HttpSourceResilience<VkSourceOptions> resilience, IOptions<VkSourceOptions> options, TimeProvider time)
{
    private long _pausedUntil;

    /// <summary>When error 29 paused the source: no request is sent before this time.</summary>
    public DateTimeOffset? PausedUntil => Interlocked.Read(ref _pausedUntil) is var t && t > 0 ? DateTimeOffset.FromUnixTimeSeconds(t) : null;

    public async Task<VkPage> SearchAsync(string query, long startTime, long endTime, string? startFrom, CancellationToken cancellationToken)
    {
        if (PausedUntil is { } until && time.GetUtcNow() < until)
        {
            throw new SourceApiException($"VK daily rate limit reached (error 29); paused until {until:yyyy-MM-dd HH:mm} UTC");
        }

        var o = options.Value;
        var uri = $"newsfeed.search?q={Uri.EscapeDataString(query)}&extended=1&count={o.Count}&start_time={startTime}&end_time={endTime}"
            + (startFrom is null ? "" : "&start_from=" + Uri.EscapeDataString(startFrom))
            + $"&access_token={Uri.EscapeDataString(o.AccessToken ?? "")}&v={o.ApiVersion}";
        var flood = false;
        for (var attempt = 1; ; attempt++)
        {
            using var response = await resilience.Pipeline.ExecuteAsync(async ct => await http.GetAsync(uri, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode) throw new SourceApiException($"VK answered {(int)response.StatusCode} {response.ReasonPhrase}", response.StatusCode, permanent: false);
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body);
            }
            catch (JsonException ex)
            {
                throw new SourceApiException($"VK returned a body that is not JSON ({ex.Message})", null, ex, permanent: false);
            }

            using (document)
            {
                var root = document.RootElement;
                if (root.TryGetProperty("error", out var error))
                {
                    var code = error.TryGetProperty("error_code", out var c) && c.TryGetInt32(out var n) ? n : 0;
                    var message = error.TryGetProperty("error_msg", out var m) ? m.GetString() : null;
                    if (await OnErrorAsync(code, message, attempt, flood, cancellationToken).ConfigureAwait(false))
                    {
                        flood |= code == 9;
                        continue;
                    }
                }

                if (!root.TryGetProperty("response", out var page) || page.ValueKind != JsonValueKind.Object || !page.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array)
                {
                    throw new SourceApiException("VK returned a page that is not the newsfeed.search format (response.items is missing)", null, permanent: false);
                }

                return VkPosts.Read(page, items);
            }
        }
    }

    /// <summary>True to retry after the wait; otherwise throws the error.</summary>
    private async Task<bool> OnErrorAsync(int code, string? message, int attempt, bool floodRetried, CancellationToken ct)
    {
        var o = options.Value;
        var what = $"VK error {code.ToString(CultureInfo.InvariantCulture)}: {message}";
        switch (code)
        {
            case 5:
                throw new SourceApiException($"{what}; check Sources:Vk:AccessToken", null, permanent: true);
            case 6 when attempt <= o.MaxRetries:
                // Three requests a second per token: a short, growing pause is enough.
                await Task.Delay(TimeSpan.FromMilliseconds(o.RetryBaseDelayMilliseconds * attempt), time, ct).ConfigureAwait(false);
                return true;
            case 9 when !floodRetried && o.FloodControlWaitSeconds <= o.MaxRateLimitWaitSeconds:
                await Task.Delay(TimeSpan.FromSeconds(o.FloodControlWaitSeconds), time, ct).ConfigureAwait(false);
                return true;
            case 29:
                var tomorrow = new DateTimeOffset(time.GetUtcNow().UtcDateTime.Date.AddDays(1), TimeSpan.Zero);
                Interlocked.Exchange(ref _pausedUntil, tomorrow.ToUnixTimeSeconds());
                throw new SourceApiException($"{what}; the daily limit of newsfeed.search is used up, paused until {tomorrow:yyyy-MM-dd HH:mm} UTC");
            default:
                throw new SourceApiException(what);
        }
    }
}
