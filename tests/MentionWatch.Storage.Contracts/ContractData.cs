using MentionWatch.Core.Domain;

namespace MentionWatch.Storage.Contracts;

/// <summary>Test data for the contract fixtures, with sensible defaults; each call gets a fresh external id unless one is given.</summary>
public static class ContractData
{
    private static long _next;

    public static readonly DateTimeOffset T0 = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    public static string ExternalId() => "ext-" + Interlocked.Increment(ref _next);

    public static Post Post(
        string text = "Loving the new Acme kettle",
        string source = "push",
        string? externalId = null,
        DateTimeOffset? createdAt = null,
        string handle = "someone",
        string? lang = "en",
        string? repostOf = null,
        string? inReplyTo = null) =>
        new(source, externalId ?? ExternalId(), text, createdAt ?? T0, new Author("a-" + handle, handle, "Name " + handle, 42),
            "https://example.test/" + (externalId ?? "p"), lang, inReplyTo, repostOf);

    public static Mention Mention(
        string text = "Loving the new Acme kettle",
        DateTimeOffset? createdAt = null,
        string[]? watches = null,
        string sentiment = "positive",
        bool needsReply = false,
        string source = "push",
        string lang = "en",
        string handle = "someone",
        string? externalId = null,
        string? repostOf = null,
        string[]? brandOf = null) =>
        Mention(Post(text, source, externalId, createdAt, handle, lang, repostOf), watches, sentiment, needsReply, lang, brandOf);

    public static Mention Mention(Post post, string[]? watches = null, string sentiment = "positive", bool needsReply = false,
        string? lang = null, string[]? brandOf = null) =>
        new(0, post, lang ?? post.Lang ?? "en", watches ?? ["acme"], brandOf ?? [],
            Sentiment(sentiment), new NeedsReplyScore(needsReply, needsReply ? 0.9f : 0.1f), post.CreatedAt.AddSeconds(5));

    public static SentimentScore Sentiment(string label) => label switch
    {
        "negative" => new SentimentScore(label, 0.8f, 0.15f, 0.05f),
        "neutral" => new SentimentScore(label, 0.1f, 0.8f, 0.1f),
        _ => new SentimentScore(label, 0.05f, 0.15f, 0.8f),
    };

    public static Watch Watch(string name, string query, params string[] ownHandles) => new(name, query, ownHandles, []);
}
