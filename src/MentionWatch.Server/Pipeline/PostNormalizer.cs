using System.Text;
using MentionWatch.Core.Domain;
using MentionWatch.Server.Hosting;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Pipeline;

/// <summary>
/// Trims, folds to Unicode NFC and checks a post so later stages and the store see one spelling of everything.
/// </summary>
internal sealed class PostNormalizer(IOptions<PipelineOptions> options, TimeProvider timeProvider) : IPostNormalizer
{
    // Clocks of crawled sites drift a little; anything further ahead is a wrong date, not a fresh post.
    private static readonly TimeSpan FutureTolerance = TimeSpan.FromHours(1);
    private readonly int _maxTextLength = options.Value.MaxTextLength;

    public Post Normalize(Post post)
    {
        var source = Required(post.Source, "source").ToLowerInvariant();
        if (source.Length > 32 || !IsSourceName(source))
            throw new PostRejectedException($"source '{source}' must be 1-32 characters of a-z, 0-9, '-', '_' or '.'.");
        var externalId = Required(post.ExternalId, "id");
        if (externalId.Length > 128) throw new PostRejectedException("id is longer than 128 characters.");
        var text = Required(post.Text, "text").Normalize(NormalizationForm.FormC).ReplaceLineEndings("\n");
        if (text.Length > _maxTextLength) throw new PostRejectedException($"text is longer than {_maxTextLength} characters.");
        if (post.CreatedAt == default) throw new PostRejectedException("createdAt is required.");
        if (post.CreatedAt > timeProvider.GetUtcNow() + FutureTolerance)
            throw new PostRejectedException($"createdAt {post.CreatedAt:O} is in the future.");
        if (post.Author is null) throw new PostRejectedException("author is required.");
        var handle = Required(post.Author.Handle, "author.handle").TrimStart('@');
        if (handle.Length == 0 || handle.Length > 100 || HasWhiteSpace(handle))
            throw new PostRejectedException($"author.handle '{post.Author.Handle}' is not a valid handle.");
        if (post.Author.Followers is < 0) throw new PostRejectedException("author.followers must not be negative.");
        if (post.Url is { Length: > 0 } sentUrl && (!Uri.TryCreate(sentUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            throw new PostRejectedException($"url '{sentUrl}' is not an absolute http(s) URL.");

        var authorId = Optional(post.Author.Id);
        var authorName = Optional(post.Author.Name);
        var url = Optional(post.Url);
        var lang = NormalizeLang(post.Lang);
        var inReplyTo = Optional(post.InReplyTo);
        var repostOf = Optional(post.RepostOf);
        var createdAt = post.CreatedAt.ToUniversalTime();
        // Most posts arrive clean (every call above then returned the very string it was given): the post is kept
        // as it is, where copying it and its author cost two allocations per post on the ingest path.
        var author = ReferenceEquals(handle, post.Author.Handle) && ReferenceEquals(authorId, post.Author.Id) && ReferenceEquals(authorName, post.Author.Name)
            ? post.Author
            : post.Author with { Handle = handle, Id = authorId, Name = authorName };
        if (ReferenceEquals(author, post.Author) && ReferenceEquals(source, post.Source) && ReferenceEquals(externalId, post.ExternalId) &&
            ReferenceEquals(text, post.Text) && ReferenceEquals(url, post.Url) && ReferenceEquals(lang, post.Lang) &&
            ReferenceEquals(inReplyTo, post.InReplyTo) && ReferenceEquals(repostOf, post.RepostOf) &&
            createdAt.Offset == post.CreatedAt.Offset)
        {
            return post;
        }
        return post with
        {
            Source = source,
            ExternalId = externalId,
            Text = text,
            CreatedAt = createdAt,
            Author = author,
            Url = url,
            Lang = lang,
            InReplyTo = inReplyTo,
            RepostOf = repostOf,
        };
    }

    private static bool IsSourceName(string source)
    {
        foreach (var c in source)
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.')) return false;
        return true;
    }

    private static bool HasWhiteSpace(string value)
    {
        foreach (var c in value)
            if (char.IsWhiteSpace(c)) return true;
        return false;
    }

    private static string Required(string? value, string field)
    {
        var trimmed = value?.Trim();
        if (string.IsNullOrEmpty(trimmed)) throw new PostRejectedException($"{field} is required and must not be empty.");
        return trimmed;
    }

    private static string? Optional(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string? NormalizeLang(string? lang)
    {
        if (string.IsNullOrWhiteSpace(lang)) return null;
        // Keep the primary subtag only ("en-GB" -> "en"): filters and trends group by language, not region.
        var trimmed = lang.AsSpan().Trim();
        var cut = trimmed.IndexOfAny('-', '_');
        var subtag = cut < 0 ? trimmed : trimmed[..cut];
        if (subtag.Length is < 2 or > 3)
            throw new PostRejectedException($"lang '{lang}' is not a language code such as 'en' or 'ru'.");
        Span<char> primary = stackalloc char[subtag.Length];
        subtag.ToLowerInvariant(primary);
        foreach (var c in primary)
            if (!char.IsAsciiLetterLower(c)) throw new PostRejectedException($"lang '{lang}' is not a language code such as 'en' or 'ru'.");
        // The string sent is kept when it already is the code (no copy per post).
        return primary.SequenceEqual(lang) ? lang : primary.ToString();
    }
}
