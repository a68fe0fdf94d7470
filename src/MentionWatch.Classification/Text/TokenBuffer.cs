namespace MentionWatch.Classification.Text;

/// <summary>
/// Per-thread scratch space for one post: decoded characters, normalized token characters, tokens and
/// script statistics. Reused across posts so the hot path allocates nothing (measured: the per-post
/// arrays were the only allocations left in classify).
/// </summary>
internal sealed class TokenBuffer
{
    /// <summary>Posts are cut to this many UTF-16 units; a tweet is at most ~1,100 even with entities.</summary>
    public const int MaxInputChars = 4096;

    public const int MaxTokens = MaxInputChars;

    public readonly char[] Decoded = new char[MaxInputChars + 8];
    // Words are stored between '\u0002' and '\u0003' markers, so this can need up to 3x the input.
    public readonly char[] Chars = new char[MaxInputChars * 3 + 8];
    public readonly Token[] Tokens = new Token[MaxTokens];
    public int DecodedLength;
    public int CharCount;
    public int TokenCount;

    public int LatinLetters;
    public int CyrillicLetters;
    public int UkrainianLetters;
    public int OtherLetters;
    public int LatinDiacritics;
    public int Words;

    /// <summary>Words left in the current negation scope.</summary>
    public int NegationLeft;

    /// <summary>@handles read.</summary>
    public int Handles;

    /// <summary>Handle features the last featurization emitted (fewer than <see cref="Handles"/> only in a post cut at capacity).</summary>
    public int HandleFeatures;
    public int EnglishFunctionWords;
    public int OtherLatinFunctionWords;

    [ThreadStatic] private static TokenBuffer? current;

    /// <summary>The calling thread's buffer.</summary>
    public static TokenBuffer Current => current ??= new TokenBuffer();

    public ReadOnlySpan<char> TextOf(in Token token) => Chars.AsSpan(token.Start, token.Length);

    public void Reset()
    {
        DecodedLength = 0;
        CharCount = 0;
        TokenCount = 0;
        LatinLetters = 0;
        CyrillicLetters = 0;
        UkrainianLetters = 0;
        OtherLetters = 0;
        LatinDiacritics = 0;
        Words = 0;
        NegationLeft = 0;
        Handles = 0;
        HandleFeatures = 0;
        EnglishFunctionWords = 0;
        OtherLatinFunctionWords = 0;
    }
}
