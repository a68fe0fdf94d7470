using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MentionWatch.Core.Domain;
using MentionWatch.Server.Sources.Kit;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.X;

/// <summary>One page of recent search results, already mapped to posts.</summary>
internal sealed record XSearchPage(IReadOnlyList<Post> Posts, int Skipped, int ResultCount, string? NewestId, string? NextToken);

/// <summary>Everything one run fetched. <see cref="NextToken"/> is set when the page cap stopped the run early.</summary>
internal sealed record XSearchResult(IReadOnlyList<Post> Posts, int Skipped, int Pages, string? NewestId, string? NextToken);

/// <summary>
/// Typed HttpClient for <c>GET /2/tweets/search/recent</c>: bearer token, the fields MentionWatch needs,
/// next_token pagination, every attempt through the source's <see cref="HttpSourceResilience{TOptions}"/>.
/// </summary>
internal sealed partial class XRecentSearchClient(
    HttpClient http,
    HttpSourceResilience<XSourceOptions> resilience,
    XPostMapper mapper,
    IOptions<XSourceOptions> options,
    ILogger<XRecentSearchClient> logger)
{
    public const string SearchPath = "2/tweets/search/recent";
    private const string TweetFields = "created_at,lang,author_id,conversation_id,referenced_tweets,in_reply_to_user_id,public_metrics";
    private const string UserFields = "username,name,public_metrics";
    private const int MaxErrorBodyChars = 2_000;

    /// <summary>Fetches pages newest first until there is no next_token or MaxPagesPerRun is reached.</summary>
    public async Task<XSearchResult> SearchAsync(string query, string? sinceId, string? resumeToken, CancellationToken cancellationToken)
    {
        var posts = new List<Post>();
        var skipped = 0;
        string? newestId = null;
        var token = resumeToken;
        var pages = 0;
        do
        {
            var page = await GetPageAsync(query, sinceId, token, cancellationToken).ConfigureAwait(false);
            pages++;
            // Pages go back in time, so the first page's newest_id is the newest of the whole sweep.
            newestId ??= page.NewestId;
            posts.AddRange(page.Posts);
            skipped += page.Skipped;
            token = page.NextToken;
        }
        while (token is not null && pages < options.Value.MaxPagesPerRun);

        return new XSearchResult(posts, skipped, pages, newestId, token);
    }

    public async Task<XSearchPage> GetPageAsync(string query, string? sinceId, string? nextToken, CancellationToken cancellationToken)
    {
        var uri = BuildUri(query, sinceId, nextToken);
        using var response = await resilience.Pipeline.ExecuteAsync(
            async ct =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.Value.BearerToken);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                return await http.SendAsync(request, ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);

        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new XApiException(DescribeError(response, body), response.StatusCode);
        }

        XSearchResponseDto dto;
        try
        {
            dto = JsonSerializer.Deserialize(body, XJsonContext.Default.XSearchResponseDto)
                ?? throw new JsonException("the body is the JSON literal null");
        }
        catch (JsonException ex)
        {
            throw new XApiException($"X returned a search page that is not valid JSON ({ex.Message})", null, ex);
        }

        foreach (var problem in dto.Errors ?? [])
        {
            LogPartialError(problem.Title ?? "error", problem.Detail ?? problem.Message ?? "");
        }

        var posts = mapper.Map(dto, out var skipped);
        return new XSearchPage(posts, skipped, dto.Meta?.ResultCount ?? posts.Count, dto.Meta?.NewestId, dto.Meta?.NextToken);
    }

    private string BuildUri(string query, string? sinceId, string? nextToken)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("query", query),
            new("max_results", options.Value.MaxResults.ToString(CultureInfo.InvariantCulture)),
            new("tweet.fields", TweetFields),
            new("expansions", "author_id"),
            new("user.fields", UserFields),
        };
        if (sinceId is not null) parameters.Add(new("since_id", sinceId));
        if (nextToken is not null) parameters.Add(new("next_token", nextToken));
        return SearchPath + "?" + string.Join('&', parameters.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));
    }

    private static string DescribeError(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var what = ReadProblem(body) ?? (body.Length > MaxErrorBodyChars ? body[..MaxErrorBodyChars] : body);
        var message = $"X API answered {status} {response.ReasonPhrase}: {what}".TrimEnd(' ', ':');
        return response.StatusCode switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => message + " (check Sources:X:BearerToken and the app's access level)",
            HttpStatusCode.TooManyRequests when response.Headers.TryGetValues(RateLimitHeaders.EpochResetHeader, out var reset)
                && long.TryParse(reset.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
                => message + $" (rate limit resets at {DateTimeOffset.FromUnixTimeSeconds(epoch):O})",
            _ => message,
        };
    }

    // Error bodies are problem JSON ({title, detail, type}) or the older {errors: [{message}]} shape.
    private static string? ReadProblem(string body)
    {
        try
        {
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                root = errors[0];
            }

            var problem = root.Deserialize(XJsonContext.Default.XProblemDto);
            var parts = new[] { problem?.Title, problem?.Detail ?? problem?.Message }.Where(p => !string.IsNullOrWhiteSpace(p));
            var text = string.Join(": ", parts);
            return text.Length == 0 ? null : text;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "X search returned a partial error: {Title} {Detail}")]
    private partial void LogPartialError(string title, string detail);
}
