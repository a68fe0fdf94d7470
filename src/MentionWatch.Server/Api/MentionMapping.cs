using MentionWatch.Core.Domain;

namespace MentionWatch.Server.Api;

internal static class MentionMapping
{
    public static MentionDto ToDto(this Mention m) => new(
        m.Id,
        m.Post.Source,
        m.Post.ExternalId,
        m.Post.Url,
        m.Post.Text,
        m.Post.CreatedAt,
        m.Lang,
        new AuthorDto { Id = m.Post.Author.Id, Handle = m.Post.Author.Handle, Name = m.Post.Author.Name, Followers = m.Post.Author.Followers },
        m.Watches,
        m.BrandPostOf,
        m.Post.InReplyTo,
        m.Post.RepostOf,
        new SentimentDto(m.Sentiment.Label, new SentimentProbabilitiesDto(m.Sentiment.Negative, m.Sentiment.Neutral, m.Sentiment.Positive)),
        new NeedsReplyDto(m.NeedsReply.Value, m.NeedsReply.Probability));

    public static Post ToPost(this IngestPostDto p) => new(
        p.Source,
        p.Id,
        p.Text,
        p.CreatedAt,
        new Author(p.Author.Id, p.Author.Handle, p.Author.Name, p.Author.Followers),
        p.Url,
        p.Lang,
        p.InReplyTo,
        p.RepostOf);

    public static WatchDto ToDto(this Watch w) => new()
    {
        Name = w.Name,
        Query = w.Query,
        OwnHandles = [.. w.OwnHandles],
        Competitors = [.. w.Competitors],
    };
}
