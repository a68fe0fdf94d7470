using System.Net;
using System.Net.Http.Headers;
using MentionWatch.Core.Domain;
using MentionWatch.Server.Sources.Kit;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Sources.Rss;

/// <summary>What a conditional GET of a feed returned: nothing (304) or the parsed items with the new validators.</summary>
internal sealed record RssFetch(bool NotModified, IReadOnlyList<Post> Posts, string? ETag, string? LastModified);

/// <summary>Typed HttpClient that fetches one feed with If-None-Match / If-Modified-Since, through the source's resilience pipeline.</summary>
internal sealed class RssFeedClient(HttpClient http, HttpSourceResilience<RssSourceOptions> resilience, IOptions<RssSourceOptions> options, TimeProvider time)
{
    public async Task<RssFetch> FetchAsync(Uri url, RssCursor cursor, CancellationToken cancellationToken)
    {
        using var response = await resilience.Pipeline.ExecuteAsync(
            async ct =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.Accept.ParseAdd("application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.8, */*;q=0.1");
                if (cursor.ETag is { } etag && EntityTagHeaderValue.TryParse(etag, out var tag)) request.Headers.IfNoneMatch.Add(tag);
                if (cursor.LastModified is { } modified && DateTimeOffset.TryParse(modified, out var since)) request.Headers.IfModifiedSince = since;
                return await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);

        if (response.StatusCode == HttpStatusCode.NotModified) return new RssFetch(true, [], cursor.ETag, cursor.LastModified);
        if (!response.IsSuccessStatusCode)
        {
            var status = (int)response.StatusCode;
            // A feed that is gone or forbidden will not come back by retrying; a 404 might (a CMS being redeployed).
            throw new SourceApiException($"feed {url} answered {status} {response.ReasonPhrase}", response.StatusCode,
                permanent: response.StatusCode is HttpStatusCode.Gone ? true : null);
        }

        var max = options.Value.MaxFeedBytes;
        if (response.Content.Headers.ContentLength > max) throw new FormatException($"feed {url} is larger than {max} bytes (Sources:Rss:MaxFeedBytes)");
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        using var buffer = new MemoryStream();
        await CopyCappedAsync(body, buffer, max, url, cancellationToken).ConfigureAwait(false);
        buffer.Position = 0;
        var posts = RssFeedParser.Parse(buffer, url, time.GetUtcNow());
        return new RssFetch(false, posts, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"));
    }

    private static async Task CopyCappedAsync(Stream from, Stream to, int max, Uri url, CancellationToken ct)
    {
        var chunk = new byte[81_920];
        long total = 0;
        int read;
        while ((read = await from.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
        {
            total += read;
            if (total > max) throw new FormatException($"feed {url} is larger than {max} bytes (Sources:Rss:MaxFeedBytes)");
            await to.WriteAsync(chunk.AsMemory(0, read), ct).ConfigureAwait(false);
        }
    }
}
