namespace MentionWatch.Classification.Text;

/// <summary>Western emoticons in lower-cased form; the longest one starting at a position wins.</summary>
internal static class Emoticons
{
    private static readonly string[] Known =
    [
        ":-)", ":)", ":-(", ":(", ":-d", ":d", ";-)", ";)", ";d", ":-p", ":p", ";p", ":'(", ":'-(", ":/", ":-/",
        ":o", ":-o", ":*", ":-*", ":|", "=)", "=(", "=d", "<3", "</3", ":3", ":]", ":[", "^^", "^_^", "-_-", ">:(",
    ];

    /// <summary>Length of the emoticon at the start of <paramref name="s"/>, or 0.</summary>
    public static int Match(ReadOnlySpan<char> s)
    {
        char c = s[0];
        if (c is not (':' or ';' or '=' or '<' or '^' or '-' or '>') || s.Length < 2) return 0;
        // Most ':' and '-' in posts are punctuation; the second character rules them out before the list scan.
        if (s[1] is not (')' or '(' or 'd' or 'p' or '\'' or '/' or 'o' or '*' or '|' or ']' or '[' or '3' or '-' or '^' or '_' or ':' or '/')) return 0;
        int best = 0;
        foreach (var e in Known)
        {
            if (e.Length > best && s.StartsWith(e) && !LetterFollows(s, e))
                best = e.Length;
        }
        return best;
    }

    // ":d" inside ":data" or ":p" inside ":public" is not a face.
    private static bool LetterFollows(ReadOnlySpan<char> s, string e) =>
        char.IsLetter(e[^1]) && s.Length > e.Length && char.IsLetter(s[e.Length]);
}
