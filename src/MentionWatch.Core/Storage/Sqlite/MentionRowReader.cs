using MentionWatch.Core.Domain;
using Microsoft.Data.Sqlite;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>Maps a mentions row (selected with <see cref="Columns"/>) back to a <see cref="Mention"/>.</summary>
internal static class MentionRowReader
{
    public const string Columns =
        "m.id, m.source, m.external_id, m.created_at, m.seen_at, m.text, m.url, m.post_lang, m.lang, m.author_id, " +
        "m.author_handle, m.author_name, m.author_followers, m.in_reply_to, m.repost_of, m.watches, m.brand_of, " +
        "m.sentiment, m.p_negative, m.p_neutral, m.p_positive, m.needs_reply, m.needs_reply_p, m.arrival, " +
        "m.conversation_id, m.triage, m.team, m.assignee, m.first_reply_id, m.first_reply_at";

    public static Mention Read(SqliteDataReader r)
    {
        var author = new Author(NullableString(r, 9), r.GetString(10), NullableString(r, 11), r.IsDBNull(12) ? null : r.GetInt64(12));
        var post = new Post(
            Source: r.GetString(1),
            ExternalId: r.GetString(2),
            Text: r.GetString(5),
            CreatedAt: DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(3)),
            Author: author,
            Url: NullableString(r, 6),
            Lang: NullableString(r, 7),
            InReplyTo: NullableString(r, 13),
            RepostOf: NullableString(r, 14),
            ConversationId: NullableString(r, 24));
        return new Mention(
            Id: r.GetInt64(0),
            Post: post,
            Lang: r.GetString(8),
            Watches: List(r.GetString(15)),
            BrandPostOf: List(r.GetString(16)),
            Sentiment: new SentimentScore(r.GetString(17), r.GetFloat(18), r.GetFloat(19), r.GetFloat(20)),
            NeedsReply: new NeedsReplyScore(r.GetInt64(21) != 0, r.GetFloat(22)),
            SeenAt: DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(4)))
        {
            Arrival = r.IsDBNull(23) ? 0 : r.GetInt64(23),
            Support = new MentionSupport(r.GetString(25), NullableString(r, 26), NullableString(r, 27),
                r.IsDBNull(28) ? null : new BrandReply(r.GetInt64(28), DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(29)))),
        };
    }

    private static string? NullableString(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    private static IReadOnlyList<string> List(string joined) =>
        joined.Length == 0 ? [] : joined.Split(SqliteMentionWriter.ListSeparator);
}
