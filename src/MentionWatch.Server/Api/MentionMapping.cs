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
        new NeedsReplyDto(m.NeedsReply.Value, m.NeedsReply.Probability))
    {
        ConversationId = m.Post.ConversationId,
        Triage = m.Support?.Triage ?? TriageStates.New,
        Team = m.Support?.Team,
        Assignee = m.Support?.Assignee,
        FirstReply = m.FirstReplyDto(),
    };

    public static CorrectionDto ToDto(this Core.Storage.Correction c) => new(c.Field, c.OldValue, c.NewValue, c.Actor, c.At) { Note = c.Note };

    public static FirstReplyDto? FirstReplyDto(this Mention m) =>
        m.Support?.FirstReply is { } reply ? new FirstReplyDto(reply.Id, reply.At, Seconds(m.Post.CreatedAt, reply.At)) : null;

    public static double Seconds(DateTimeOffset from, DateTimeOffset to) => Math.Round((to - from).TotalSeconds, 3);

    public static Post ToPost(this IngestPostDto p) => new(
        p.Source,
        p.Id,
        p.Text,
        p.CreatedAt,
        new Author(p.Author.Id, p.Author.Handle, p.Author.Name, p.Author.Followers),
        p.Url,
        p.Lang,
        p.InReplyTo,
        p.RepostOf,
        string.IsNullOrWhiteSpace(p.ConversationId) ? null : p.ConversationId.Trim());

    public static WatchDto ToDto(this Watch w, Pipeline.RematchProgress? rematch = null) => new()
    {
        Rematch = rematch,
        Name = w.Name,
        Query = w.Query,
        OwnHandles = [.. w.OwnHandles],
        Competitors = [.. w.Competitors],
        Noise = Pipeline.Noise.NoiseOptions.From(w.Noise),
    };
}
