using AngleSharp.Html.Parser;

namespace MentionWatch.Server.Sources.Kit;

/// <summary>Feed items, HN stories and comments carry HTML; the pipeline wants the text a reader sees (AngleSharp).</summary>
internal static class HtmlText
{
    private static readonly HtmlParser Parser = new();

    public static string ToText(string? html)
    {
        if (string.IsNullOrWhiteSpace(html)) return "";
        if (!html.Contains('<') && !html.Contains('&')) return Collapse(html);
        using var document = Parser.ParseDocument("<body>" + html + "</body>");
        // Block boundaries would otherwise glue words together ("end.Next").
        foreach (var element in document.QuerySelectorAll("br, p, div, li, h1, h2, h3, h4, h5, h6, tr, blockquote"))
        {
            element.Prepend(document.CreateTextNode(" "));
            element.Append(document.CreateTextNode(" "));
        }

        foreach (var hidden in document.QuerySelectorAll("script, style")) hidden.Remove();
        return Collapse(document.Body?.TextContent ?? "");
    }

    private static string Collapse(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
