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
        if (source.Length > 32 || !source.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
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
        if (handle.Length == 0 || handle.Length > 100 || handle.Any(char.IsWhiteSpace))
            throw new PostRejectedException($"author.handle '{post.Author.Handle}' is not a valid handle.");
        if (post.Author.Followers is < 0) throw new PostRejectedException("author.followers must not be negative.");
        if (post.Url is { Length: > 0 } url && (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            throw new PostRejectedException($"url '{url}' is not an absolute http(s) URL.");

        return post with
        {
            Source = source,
            ExternalId = externalId,
            Text = text,
            CreatedAt = post.CreatedAt.ToUniversalTime(),
            Author = post.Author with { Handle = handle, Id = Optional(post.Author.Id), Name = Optional(post.Author.Name) },
            Url = Optional(post.Url),
            Lang = NormalizeLang(post.Lang),
            InReplyTo = Optional(post.InReplyTo),
            RepostOf = Optional(post.RepostOf),
        };
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
        var primary = lang.Trim().Split('-', '_')[0].ToLowerInvariant();
        if (primary.Length is < 2 or > 3 || !primary.All(char.IsAsciiLetterLower))
            throw new PostRejectedException($"lang '{lang}' is not a language code such as 'en' or 'ru'.");
        return primary;
    }
}
