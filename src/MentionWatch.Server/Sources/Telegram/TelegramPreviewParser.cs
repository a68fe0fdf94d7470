using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using MentionWatch.Core.Domain;
using MentionWatch.Server.Sources.Kit;

namespace MentionWatch.Server.Sources.Telegram;

/// <summary>One preview page: its posts (any order) and the smallest post number on it (for <c>?before=</c>).</summary>
internal sealed record TelegramPage(IReadOnlyList<(long Number, Post Post)> Posts, long? Oldest);

/// <summary>
/// Parses <c>t.me/s/{channel}</c>: <c>.tgme_widget_message[data-post="channel/123"]</c> with
/// <c>.tgme_widget_message_text</c> and <c>time[datetime]</c>. Telegram changes this markup without notice, so a page
/// that has the channel header but no message, or a message without its attributes, throws: an error in /sources,
/// never silence.
/// </summary>
internal static class TelegramPreviewParser
{
    public const string SourceName = "telegram";
    private static readonly HtmlParser Parser = new();

    public static TelegramPage Parse(string channel, string html)
    {
        using var document = Parser.ParseDocument(html);
        var messages = document.QuerySelectorAll(".tgme_widget_message");
        var hasHeader = document.QuerySelector(".tgme_channel_info, .tgme_header_info, .tgme_channel_info_header") is not null;
        if (messages.Length == 0)
        {
            if (hasHeader) throw Changed(channel, "the page has the channel header but no .tgme_widget_message");
            throw new SourceApiException($"t.me/s/{channel} shows no channel preview: not a public channel, or the page layout changed", null, permanent: false);
        }

        var posts = new List<(long, Post)>();
        foreach (var message in messages)
        {
            var dataPost = message.GetAttribute("data-post") ?? throw Changed(channel, "a message has no data-post attribute");
            var slash = dataPost.LastIndexOf('/');
            if (slash < 0 || !long.TryParse(dataPost[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var number)) throw Changed(channel, $"data-post '{dataPost}' is not channel/number");
            var datetime = message.QuerySelector("time[datetime]")?.GetAttribute("datetime") ?? throw Changed(channel, $"message {dataPost} has no time[datetime]");
            if (!DateTimeOffset.TryParse(datetime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)) throw Changed(channel, $"message {dataPost} has an unreadable datetime '{datetime}'");
            var text = Text(message.QuerySelector(".tgme_widget_message_text"));
            if (text.Length == 0) continue; // a photo or a sticker without a caption: nothing to match
            var owner = message.QuerySelector(".tgme_widget_message_owner_name")?.TextContent.Trim();
            var name = dataPost[..slash];
            posts.Add((number, new Post(SourceName, dataPost, text, at, new Author(name, name, string.IsNullOrEmpty(owner) ? null : owner), Url: $"https://t.me/{dataPost}")));
        }

        long? oldest = posts.Count == 0 ? null : posts.Min(p => p.Item1);
        return new TelegramPage(posts, oldest);
    }

    private static string Text(IElement? element)
    {
        if (element is null) return "";
        foreach (var br in element.QuerySelectorAll("br")) br.Replace(element.Owner!.CreateTextNode("\n"));
        return HtmlText.ToText(element.InnerHtml);
    }

    private static SourceApiException Changed(string channel, string what) =>
        new($"t.me/s/{channel}: the preview markup has changed ({what}); posts cannot be read until the parser is updated", null, permanent: false);
}
