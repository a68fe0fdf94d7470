using System.Globalization;
using System.Security.Cryptography;
using System.ServiceModel.Syndication;
using System.Text;
using System.Xml;
using MentionWatch.Core.Domain;
using MentionWatch.Server.Sources.Kit;

namespace MentionWatch.Server.Sources.Rss;

/// <summary>
/// Parses an RSS 2.0 or Atom 1.0 document (System.ServiceModel.Syndication) into posts: the external id is the
/// item's guid/id, else its link; HTML summaries and contents become plain text. A document that is not valid XML
/// or not a feed throws <see cref="FormatException"/>, so the poll fails and the cursor stays.
/// </summary>
internal static class RssFeedParser
{
    public const string SourceName = "rss";
    private const int MaxTextChars = 10_000;

    public static IReadOnlyList<Post> Parse(Stream document, Uri feedUrl, DateTimeOffset fetchedAt)
    {
        SyndicationFeed feed;
        try
        {
            // No DTDs: an external entity in a feed must never make us read files or call other hosts.
            using var reader = XmlReader.Create(document, new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null, Async = false });
            feed = Read(reader);
        }
        catch (Exception ex) when (ex is XmlException or InvalidOperationException or ArgumentException)
        {
            throw new FormatException($"the feed is not valid RSS or Atom XML ({ex.Message})", ex);
        }

        var posts = new List<Post>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var fallbackHandle = feedUrl.Host;
        foreach (var item in feed.Items)
        {
            var post = ToPost(item, feed, fallbackHandle, fetchedAt);
            if (post is not null && ids.Add(post.ExternalId)) posts.Add(post);
        }

        return posts;
    }

    private static SyndicationFeed Read(XmlReader reader)
    {
        reader.MoveToContent();
        SyndicationFeedFormatter formatter = new Rss20FeedFormatter { DateTimeParser = ParseDate };
        if (!formatter.CanRead(reader)) formatter = new Atom10FeedFormatter { DateTimeParser = ParseDate };
        if (!formatter.CanRead(reader)) throw new XmlException($"the root element <{reader.LocalName}> is neither <rss> nor an Atom <feed>");
        formatter.ReadFrom(reader);
        return formatter.Feed;
    }

    private static Post? ToPost(SyndicationItem item, SyndicationFeed feed, string fallbackHandle, DateTimeOffset fetchedAt)
    {
        var link = item.Links.FirstOrDefault(l => l.RelationshipType is null or "alternate")?.Uri ?? item.Links.FirstOrDefault()?.Uri;
        var url = link is null ? null : link.IsAbsoluteUri ? link.ToString() : feed.BaseUri is { } b ? new Uri(b, link).ToString() : null;
        var title = HtmlText.ToText(item.Title?.Text);
        var body = HtmlText.ToText((item.Content as TextSyndicationContent)?.Text ?? item.Summary?.Text);
        var text = body.Length == 0 || body == title ? title : title.Length == 0 ? body : title + "\n\n" + body;
        if (text.Length == 0) return null;
        if (text.Length > MaxTextChars) text = text[..MaxTextChars];

        var id = !string.IsNullOrWhiteSpace(item.Id) ? item.Id.Trim() : url ?? Hash(title + "\n" + body);
        var created = item.PublishDate != default ? item.PublishDate : item.LastUpdatedTime != default ? item.LastUpdatedTime : fetchedAt;
        var person = item.Authors.FirstOrDefault() ?? feed.Authors.FirstOrDefault();
        var name = person?.Name ?? person?.Email ?? feed.Title?.Text;
        // Handles carry no spaces: the feed's host is the publisher's handle, the person goes in the name.
        var handle = fallbackHandle;
        return new Post(SourceName, id, text, created, new Author(null, handle, string.IsNullOrWhiteSpace(name) ? null : name.Trim()), Url: url);
    }

    // Real feeds carry every date format under the sun; an unreadable date must not drop the item (MinValue = no date).
    private static bool ParseDate(XmlDateTimeData data, out DateTimeOffset value)
    {
        var text = data.DateTimeString.Trim();
        foreach (var zone in new[] { (" GMT", " +0000"), (" UTC", " +0000"), (" UT", " +0000"), (" Z", " +0000"), (" EST", " -0500"), (" EDT", " -0400"), (" PST", " -0800"), (" PDT", " -0700") })
        {
            if (text.EndsWith(zone.Item1, StringComparison.OrdinalIgnoreCase)) text = text[..^zone.Item1.Length] + zone.Item2;
        }

        string[] formats = ["ddd, d MMM yyyy HH:mm:ss zzz", "d MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm zzz", "ddd, dd MMM yyyy HH:mm:ss zzz"];
        var offsetFixed = text.Length > 5 && (text[^5] is '+' or '-') ? text[..^2] + ":" + text[^2..] : text;
        if (DateTimeOffset.TryParseExact(offsetFixed, formats, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out value)) return true;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value)) return true;
        value = default;
        return true;
    }

    private static string Hash(string text) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
