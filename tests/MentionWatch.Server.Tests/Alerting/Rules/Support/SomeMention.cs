using MentionWatch.Core.Domain;

namespace MentionWatch.Server.Tests.Alerting.Rules.Support;

/// <summary>Synthetic mentions for rule tests: a neutral post about voltik on x, posted and seen at <paramref name="at"/>.</summary>
internal static class SomeMention
{
    /// <summary>A Monday, 00:00 UTC: streams start here so day-of-week rhythms line up with the calendar.</summary>
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private static long _id;

    public static Mention About(
        string watch = "voltik",
        DateTimeOffset? at = null,
        DateTimeOffset? seenAt = null,
        string text = "My Voltik scooter arrived today",
        string source = "x",
        string handle = "Someone",
        long? followers = 42,
        string lang = "en",
        string sentiment = "neutral",
        float negative = 0.1f,
        bool needsReply = false,
        float needsReplyProbability = 0.1f,
        string[]? watches = null,
        string[]? brandPostOf = null,
        string? inReplyTo = null,
        long? id = null)
    {
        var created = at ?? Monday;
        var post = new Post(source, "ext-" + Interlocked.Increment(ref _id), text, created,
            new Author("u-" + handle, handle, Followers: followers), InReplyTo: inReplyTo);
        return new Mention(id ?? _id, post, lang, watches ?? [watch], brandPostOf ?? [],
            new SentimentScore(sentiment, negative, (1 - negative) / 2, (1 - negative) / 2),
            new NeedsReplyScore(needsReply, needsReplyProbability), seenAt ?? created);
    }

    public static Mention Negative(string watch = "voltik", DateTimeOffset? at = null, DateTimeOffset? seenAt = null) =>
        About(watch, at, seenAt, text: "My Voltik scooter broke again", sentiment: "negative", negative: 0.9f);
}
