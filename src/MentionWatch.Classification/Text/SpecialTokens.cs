namespace MentionWatch.Classification.Text;

/// <summary>Private-use characters that stand for whole tokens, so a URL or a handle is one cheap symbol.</summary>
internal static class SpecialTokens
{
    public const char Url = '\uE000';
    public const char User = '\uE001';
    public const char Ellipsis = '\u2026';

    /// <summary>Readable form for explanations and tests.</summary>
    /// <summary>The handle a &lt;user&gt; token stands for, as "@name".</summary>
    public static string Handle(ReadOnlySpan<char> token) => token is [User, ..] ? "@" + token[1..].ToString() : token.ToString();

    public static string Display(ReadOnlySpan<char> token) => token switch
    {
        [Url] => "<url>",
        [User, ..] => "<user>",
        _ => token.ToString(),
    };
}
