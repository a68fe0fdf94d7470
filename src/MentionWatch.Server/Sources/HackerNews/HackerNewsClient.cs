using System.Globalization;
using System.Text.Json;
using MentionWatch.Core.Domain;
using MentionWatch.Server.Sources.Kit;
using Microsoft.Extensions.Logging;

namespace MentionWatch.Server.Sources.HackerNews;

/// <summary>One page of <c>search_by_date</c> for a time window, mapped to posts.</summary>
internal sealed record HnPage(IReadOnlyList<Post> Posts, int Skipped, int NbHits, int NbPages);

/// <summary>Typed HttpClient for Algolia's <c>GET /api/v1/search_by_date</c>, every attempt through the source's resilience pipeline.</summary>
internal sealed partial class HackerNewsClient(HttpClient http, HttpSourceResilience<HackerNewsSourceOptions> resilience, ILogger<HackerNewsClient> logger)
{
    public const string SearchPath = "api/v1/search_by_date";

    /// <summary>Hits created in (<paramref name="after"/>, <paramref name="upTo"/>], epoch seconds, newest first.</summary>
    public async Task<HnPage> SearchAsync(HnQuery query, long after, long upTo, int page, int hitsPerPage, CancellationToken cancellationToken)
    {
        var parameters = new List<KeyValuePair<string, string>>
        {
            new("query", query.Text),
            new("tags", "(story,comment)"),
            new("numericFilters", $"created_at_i>{after.ToString(CultureInfo.InvariantCulture)},created_at_i<={upTo.ToString(CultureInfo.InvariantCulture)}"),
            new("hitsPerPage", hitsPerPage.ToString(CultureInfo.InvariantCulture)),
            new("page", page.ToString(CultureInfo.InvariantCulture)),
        };
        if (query.OptionalWords is { } optional) parameters.Add(new("optionalWords", optional));
        var uri = SearchPath + "?" + string.Join('&', parameters.Select(p => p.Key + "=" + Uri.EscapeDataString(p.Value)));
        using var response = await resilience.Pipeline.ExecuteAsync(
            async ct => await http.GetAsync(uri, ct).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var excerpt = body.Length > 500 ? body[..500] : body;
            throw new SourceApiException($"Hacker News search answered {(int)response.StatusCode} {response.ReasonPhrase}: {excerpt}".TrimEnd(' ', ':'), response.StatusCode);
        }

        HnSearchResponseDto dto;
        try
        {
            dto = JsonSerializer.Deserialize(body, HnJsonContext.Default.HnSearchResponseDto) ?? throw new JsonException("the body is the JSON literal null");
            if (dto.Hits is null || dto.NbPages is null) throw new JsonException("hits or nbPages is missing");
        }
        catch (JsonException ex)
        {
            throw new SourceApiException($"Hacker News returned a search page that is not the HN Search JSON format ({ex.Message})", null, ex, permanent: false);
        }

        var posts = new List<Post>(dto.Hits.Count);
        var skipped = 0;
        foreach (var element in dto.Hits)
        {
            try
            {
                var hit = element.Deserialize(HnJsonContext.Default.HnHitDto) ?? throw new JsonException("hit is null");
                posts.Add(ToPost(hit));
            }
            catch (Exception ex) when (ex is JsonException or InvalidDataException or InvalidOperationException)
            {
                skipped++;
                LogSkipped(element.ValueKind == JsonValueKind.Object && element.TryGetProperty("objectID", out var id) ? id.ToString() : "<no id>", ex.Message);
            }
        }

        return new HnPage(posts, skipped, dto.NbHits ?? posts.Count, dto.NbPages.Value);
    }

    private static Post ToPost(HnHitDto hit)
    {
        if (string.IsNullOrWhiteSpace(hit.ObjectId)) throw new InvalidDataException("hit has no objectID");
        if (hit.CreatedAtI is not { } created) throw new InvalidDataException("hit has no created_at_i");
        if (string.IsNullOrWhiteSpace(hit.Author)) throw new InvalidDataException("hit has no author");
        var isComment = hit.Tags?.Contains("comment") == true || hit.CommentText is not null;
        var text = isComment
            ? HtmlText.ToText(hit.CommentText)
            : string.Join("\n\n", new[] { hit.Title, HtmlText.ToText(hit.StoryText), hit.Url }.Where(s => !string.IsNullOrWhiteSpace(s)));
        if (text.Length == 0) throw new InvalidDataException("hit has no text");
        return new Post(
            HackerNewsSource.SourceName,
            hit.ObjectId,
            text,
            DateTimeOffset.FromUnixTimeSeconds(created),
            new Author(hit.Author, hit.Author),
            Url: $"https://news.ycombinator.com/item?id={hit.ObjectId}",
            Lang: null,
            InReplyTo: isComment ? hit.ParentId?.ToString(CultureInfo.InvariantCulture) : null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hacker News hit {ObjectId} skipped: {Reason}")]
    private partial void LogSkipped(string objectId, string reason);
}
