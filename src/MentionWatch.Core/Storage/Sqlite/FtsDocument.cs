using System.Text;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Query;

namespace MentionWatch.Core.Storage.Sqlite;

/// <summary>
/// What the FTS5 index holds for one mention, as space-separated normalized tokens: body (every word, hashtag and
/// handle words included), tags, handles, and meta: one token per filterable field, plus <see cref="AllToken"/>
/// in every row so that a purely negative query ("-spam") is still an FTS expression.
/// </summary>
internal static class FtsDocument
{
    public const string AllToken = "all";

    public static string Lang(string value) => "lang_" + TextNormalizer.FieldValue(value);
    public static string Source(string value) => "source_" + TextNormalizer.FieldValue(value);
    public static string From(string value) => "from_" + TextNormalizer.FieldValue(value);
    public static string Sentiment(string value) => "sentiment_" + TextNormalizer.FieldValue(value);
    public static string NeedsReply(bool value) => value ? "reply_1" : "reply_0";

    /// <summary>Watch names are matched exactly, so they are hex-encoded rather than folded.</summary>
    public static string Watch(string name) => "watch_" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(name));

    public static string FieldToken(string field, string value) => field switch
    {
        "lang" => Lang(value),
        "source" => Source(value),
        "from" => From(value),
        _ => throw new NotSupportedException($"Unknown query field '{field}'."),
    };

    /// <summary>Fills body, tags and handles columns from the post text.</summary>
    public static (string Body, string Tags, string Handles) Text(string text, StringBuilder body, StringBuilder tags, StringBuilder handles)
    {
        body.Clear();
        tags.Clear();
        handles.Clear();
        var normalized = TextNormalizer.Normalize(text);
        var span = normalized.AsSpan();
        var tokenizer = new TextTokenizer(span);
        while (tokenizer.MoveNext())
        {
            var token = tokenizer.Current;
            var word = span.Slice(token.Start, token.Length);
            Append(body, word);
            if (token.Kind == TokenKind.Hashtag) Append(tags, word);
            else if (token.Kind == TokenKind.Handle) Append(handles, word);
        }
        return (body.ToString(), tags.ToString(), handles.ToString());
    }

    public static string Meta(Mention mention, StringBuilder meta)
    {
        meta.Clear();
        meta.Append(AllToken);
        Append(meta, Lang(mention.Lang));
        Append(meta, Source(mention.Post.Source));
        Append(meta, From(mention.Post.Author.Handle));
        Append(meta, Sentiment(mention.Sentiment.Label));
        Append(meta, NeedsReply(mention.NeedsReply.Value));
        foreach (var watch in mention.Watches) Append(meta, Watch(watch));
        return meta.ToString();
    }

    private static void Append(StringBuilder builder, ReadOnlySpan<char> token)
    {
        if (builder.Length > 0) builder.Append(' ');
        builder.Append(token);
    }
}
