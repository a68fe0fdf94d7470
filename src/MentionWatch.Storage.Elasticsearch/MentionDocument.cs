using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Query;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// A mention as the document in the mentions data stream (see deploy/elasticsearch/mentions-index-template.json).
/// Besides the post itself it holds what the query language searches, folded the way <see cref="TextNormalizer"/>
/// folds: hashtags, @handles and <c>queryTokens</c> ("lang:ru", "source:x", "from:fan_1").
/// </summary>
internal static class MentionDocument
{
    /// <summary>Keeps Cyrillic as UTF-8 instead of \uXXXX escapes (half the bytes); the JSON is never put in HTML.</summary>
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string QueryToken(string field, string value) => field + ":" + TextNormalizer.FieldValue(value);

    public static void Write(Utf8JsonWriter json, Mention mention, long id, long arrival)
    {
        var post = mention.Post;
        var tokens = TextNormalizer.Tokenize(post.Text);
        json.WriteStartObject();
        json.WriteString("@timestamp", post.CreatedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        json.WriteNumber("id", id);
        json.WriteNumber("arrival", arrival);
        json.WriteString("source", post.Source);
        json.WriteString("externalId", post.ExternalId);
        if (post.Url is not null) json.WriteString("url", post.Url);
        json.WriteString("text", post.Text);
        Strings(json, "hashtags", tokens.Hashtags.Distinct(StringComparer.Ordinal));
        Strings(json, "handles", tokens.Handles.Distinct(StringComparer.Ordinal));
        Strings(json, "queryTokens", [QueryToken("lang", mention.Lang), QueryToken("source", post.Source), QueryToken("from", post.Author.Handle)]);
        json.WriteString("seenAt", mention.SeenAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        json.WriteString("lang", mention.Lang);
        if (post.Lang is not null) json.WriteString("postLang", post.Lang);
        json.WriteStartObject("author");
        if (post.Author.Id is not null) json.WriteString("id", post.Author.Id);
        json.WriteString("handle", post.Author.Handle);
        if (post.Author.Name is not null) json.WriteString("name", post.Author.Name);
        if (post.Author.Followers is { } followers) json.WriteNumber("followers", followers);
        json.WriteEndObject();
        Strings(json, "watches", mention.Watches);
        Strings(json, "brandPostOf", mention.BrandPostOf);
        if (post.InReplyTo is not null) json.WriteString("inReplyTo", post.InReplyTo);
        if (post.RepostOf is not null) json.WriteString("repostOf", post.RepostOf);
        if (post.ConversationId is not null) json.WriteString("conversationId", post.ConversationId);
        json.WriteStartObject("sentiment");
        json.WriteString("label", mention.Sentiment.Label);
        json.WriteNumber("negative", mention.Sentiment.Negative);
        json.WriteNumber("neutral", mention.Sentiment.Neutral);
        json.WriteNumber("positive", mention.Sentiment.Positive);
        json.WriteEndObject();
        json.WriteStartObject("needsReply");
        json.WriteBoolean("value", mention.NeedsReply.Value);
        json.WriteNumber("probability", mention.NeedsReply.Probability);
        json.WriteEndObject();
        // Support state: a new mention waits for triage; triage, team, assignee and firstReply are updated in place
        // (see MentionDocumentUpdater) so the query DSL and Kibana see them.
        json.WriteString("triage", TriageStates.New);
        json.WriteEndObject();
    }

    /// <summary>The support fields as stored; a document written before they existed reads as new.</summary>
    public static MentionSupport ReadSupport(JsonElement source)
    {
        BrandReply? first = null;
        if (source.TryGetProperty("firstReply", out var reply) && reply.ValueKind == JsonValueKind.Object)
            first = new BrandReply(reply.GetProperty("id").GetInt64(), Date(reply.GetProperty("at")));
        return new MentionSupport(OptionalString(source, "triage") ?? TriageStates.New, OptionalString(source, "team"), OptionalString(source, "assignee"), first);
    }

    public static Mention Read(JsonElement source)
    {
        var author = source.GetProperty("author");
        var post = new Post(
            source.GetProperty("source").GetString()!,
            source.GetProperty("externalId").GetString()!,
            source.GetProperty("text").GetString()!,
            Date(source.GetProperty("@timestamp")),
            new Author(OptionalString(author, "id"), author.GetProperty("handle").GetString()!, OptionalString(author, "name"),
                author.TryGetProperty("followers", out var followers) ? followers.GetInt64() : null),
            OptionalString(source, "url"),
            OptionalString(source, "postLang"),
            OptionalString(source, "inReplyTo"),
            OptionalString(source, "repostOf"),
            OptionalString(source, "conversationId"));
        var sentiment = source.GetProperty("sentiment");
        var needsReply = source.GetProperty("needsReply");
        return new Mention(
            source.GetProperty("id").GetInt64(),
            post,
            source.GetProperty("lang").GetString()!,
            StringList(source, "watches"),
            StringList(source, "brandPostOf"),
            new SentimentScore(sentiment.GetProperty("label").GetString()!, sentiment.GetProperty("negative").GetSingle(),
                sentiment.GetProperty("neutral").GetSingle(), sentiment.GetProperty("positive").GetSingle()),
            new NeedsReplyScore(needsReply.GetProperty("value").GetBoolean(), needsReply.GetProperty("probability").GetSingle()),
            Date(source.GetProperty("seenAt")))
        {
            Arrival = source.TryGetProperty("arrival", out var arrival) ? arrival.GetInt64() : 0,
            Support = ReadSupport(source),
        };
    }

    public static DateTimeOffset Date(JsonElement value) =>
        DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    public static string? OptionalString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IReadOnlyList<string> StringList(JsonElement element, string name)
    {
        if (!element.TryGetProperty(name, out var value)) return [];
        // Elasticsearch returns _source as sent, but a one-element array written by hand (Kibana, a script) may be a string.
        if (value.ValueKind == JsonValueKind.String) return [value.GetString()!];
        return value.EnumerateArray().Select(v => v.GetString()!).ToList();
    }

    private static void Strings(Utf8JsonWriter json, string name, IEnumerable<string> values)
    {
        json.WriteStartArray(name);
        foreach (var value in values) json.WriteStringValue(value);
        json.WriteEndArray();
    }
}
