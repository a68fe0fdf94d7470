using System.Security;

namespace MentionWatch.Server.Tests.Sources.Rss;

/// <summary>Feed documents in the RSS 2.0 and Atom 1.0 wire formats.</summary>
internal static class RssWire
{
    public static string Rss(params (string Guid, string Title, string Html, DateTimeOffset Published)[] items) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Scooter News</title><link>https://news.example/</link><description>d</description>"
        + string.Concat(items.Select(i =>
            $"<item><guid isPermaLink=\"false\">{i.Guid}</guid><title>{SecurityElement.Escape(i.Title)}</title><link>https://news.example/{i.Guid}</link>"
            + $"<description>{SecurityElement.Escape(i.Html)}</description><pubDate>{i.Published.ToUniversalTime():ddd, dd MMM yyyy HH:mm:ss} GMT</pubDate></item>"))
        + "</channel></rss>";

    public static string Atom(string id, string title, string html, DateTimeOffset updated) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Blog</title><id>urn:blog</id>"
        + $"<updated>{updated:yyyy-MM-ddTHH:mm:ssZ}</updated><entry><id>{id}</id><title>{SecurityElement.Escape(title)}</title>"
        + $"<link href=\"https://blog.example/{id}\"/><updated>{updated:yyyy-MM-ddTHH:mm:ssZ}</updated><author><name>Ann Writer</name></author>"
        + $"<content type=\"html\">{SecurityElement.Escape(html)}</content></entry></feed>";
}
