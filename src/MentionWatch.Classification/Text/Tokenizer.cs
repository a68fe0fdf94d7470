using System.Globalization;
using System.Runtime.CompilerServices;
using MentionWatch.Classification.Features;

namespace MentionWatch.Classification.Text;

/// <summary>
/// Second normalization pass over decoded text: words (letters/digits, repeats beyond two collapsed,
/// digits folded to 0), URLs and @handles as special symbols, hashtags as their word, emoji,
/// emoticons and "!"/"?"/")"/"(" runs as symbols, and clause punctuation as breaks that end negation scope.
/// </summary>
internal static class Tokenizer
{

    public static void Tokenize(ReadOnlySpan<char> text, TokenBuffer buffer)
    {
        buffer.Reset();
        TextDecoder.Decode(text, buffer);
        var s = buffer.Decoded.AsSpan(0, buffer.DecodedLength);
        int i = 0;
        while (i < s.Length && buffer.TokenCount < TokenBuffer.MaxTokens)
        {
            char c = s[i];
            if (c == ' ') { i++; continue; }
            if (IsWordChar(c))
            {
                if ((c == 'h' || c == 'w') && IsUrlStart(s[i..]))
                {
                    i = SkipNonSpace(s, i);
                    AddSymbol(buffer, SpecialTokens.Url);
                    continue;
                }
                i = WordReader.Read(s, i, buffer);
                continue;
            }
            i = ReadOther(s, i, buffer);
        }
    }

    private static int ReadOther(ReadOnlySpan<char> s, int i, TokenBuffer buffer)
    {
        char c = s[i];
        char next = i + 1 < s.Length ? s[i + 1] : ' ';
        switch (c)
        {
            case '@' when IsWordChar(next):
                {
                    int start = ++i;
                    while (i < s.Length && (IsWordChar(s[i]) || s[i] == '_')) i++;
                    AddHandle(buffer, s[start..i]);
                    return i;
                }
            case '#' when IsWordChar(next):
                return i + 1;
            case '!' or '?':
                return ReadRun(s, i, buffer, '!', '?');
            case ')' or '(':
                {
                    int len = Emoticons.Match(s[i..]);
                    if (len > 0) return AddLiteral(s, i, len, buffer);
                    return ReadRun(s, i, buffer, c, c);
                }
            case '.' when next == '.':
            case '\u2026':
                while (i < s.Length && (s[i] == '.' || s[i] == '\u2026')) i++;
                AddSymbol(buffer, SpecialTokens.Ellipsis, endsScope: true);
                return i;
        }
        if (char.IsHighSurrogate(c))
        {
            int start = i;
            i += 2;
            AddSpan(buffer, s.Slice(start, 2), TokenKind.Symbol, endsScope: false);
            // Skin tones, variation selectors and joiners refine the emoji before them; they add no signal.
            while (i < s.Length && (s[i] == '\uFE0F' || s[i] == '\u200D' || IsSkinTone(s, i)))
                i += s[i] == '\uD83C' ? 2 : 1;
            return i;
        }
        int emoticon = Emoticons.Match(s[i..]);
        if (emoticon > 0) return AddLiteral(s, i, emoticon, buffer);
        if (c is '.' or ',' or ';' or ':')
        {
            AddBreak(buffer);
            return i + 1;
        }
        if (c > 127)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is UnicodeCategory.OtherSymbol or UnicodeCategory.MathSymbol && c != '\uFE0F')
            {
                AddSpan(buffer, s.Slice(i, 1), TokenKind.Symbol, endsScope: false);
            }
        }
        return i + 1;
    }

    private static bool IsSkinTone(ReadOnlySpan<char> s, int i) =>
        s[i] == '\uD83C' && i + 1 < s.Length && s[i + 1] >= '\uDFFB' && s[i + 1] <= '\uDFFF';

    private static int ReadRun(ReadOnlySpan<char> s, int i, TokenBuffer buffer, char a, char b)
    {
        int start = i;
        bool sawA = false, sawB = false;
        while (i < s.Length && (s[i] == a || s[i] == b))
        {
            if (s[i] == a) sawA = true; else sawB = true;
            i++;
        }
        int count = i - start;
        Span<char> tmp = stackalloc char[3];
        int n = 0;
        if (sawA && sawB) { tmp[n++] = a; tmp[n++] = b; }
        else { tmp[n++] = sawA ? a : b; if (count > 1) tmp[n++] = tmp[0]; if (count > 3) tmp[n++] = tmp[0]; }
        AddSpan(buffer, tmp[..n], TokenKind.Symbol, endsScope: true);
        return i;
    }

    private static int AddLiteral(ReadOnlySpan<char> s, int i, int len, TokenBuffer buffer)
    {
        AddSpan(buffer, s.Slice(i, len), TokenKind.Symbol, endsScope: true);
        return i + len;
    }

    private static void AddSymbol(TokenBuffer buffer, char symbol, bool endsScope = false)
    {
        Span<char> one = [symbol];
        AddSpan(buffer, one, TokenKind.Symbol, endsScope);
    }

    /// <summary>
    /// A handle is the &lt;user&gt; symbol followed by its name: the token hashes as the symbol alone (all handles
    /// share the unigram and bigrams), and the featurizer can still name the handle when the spec asks for it.
    /// </summary>
    private static void AddHandle(TokenBuffer buffer, ReadOnlySpan<char> name)
    {
        int start = buffer.CharCount;
        buffer.Chars[start] = SpecialTokens.User;
        name.CopyTo(buffer.Chars.AsSpan(start + 1));
        buffer.CharCount += 1 + name.Length;
        buffer.Handles++;
        ref var t = ref buffer.Tokens[buffer.TokenCount++];
        t = new Token { Start = start, Length = 1 + name.Length, Hash = UserHash, Kind = TokenKind.Symbol, EndsScope = false };
    }

    private static readonly ulong UserHash = FeatureHash.Of([SpecialTokens.User]);

    private static void AddBreak(TokenBuffer buffer)
    {
        NegationScope.EndScope(buffer);
        ref var t = ref buffer.Tokens[buffer.TokenCount++];
        t = new Token { Start = buffer.CharCount, Length = 0, Hash = 0, Kind = TokenKind.Break, EndsScope = true };
    }

    private static void AddSpan(TokenBuffer buffer, ReadOnlySpan<char> text, TokenKind kind, bool endsScope)
    {
        if (endsScope) NegationScope.EndScope(buffer);
        int start = buffer.CharCount;
        text.CopyTo(buffer.Chars.AsSpan(start));
        buffer.CharCount += text.Length;
        ref var t = ref buffer.Tokens[buffer.TokenCount++];
        t = new Token { Start = start, Length = text.Length, Hash = FeatureHash.Of(text), Kind = kind, EndsScope = endsScope };
    }

    private static bool IsUrlStart(ReadOnlySpan<char> s) =>
        s.StartsWith("http://") || s.StartsWith("https://") || s.StartsWith("www.");

    private static int SkipNonSpace(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length && s[i] != ' ') i++;
        return i;
    }

    // Inlined fast paths for ASCII and lower-case Cyrillic; the Unicode lookup stays out of line so the
    // word loop keeps its variables in registers (measured: a call in the loop spilled them all).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsWordChar(char c)
    {
        if (c < 128) return (uint)(c - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9;
        if ((uint)(c - '\u0430') <= '\u044F' - '\u0430') return true;
        return IsOtherWordChar(c);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool IsOtherWordChar(char c) => !char.IsSurrogate(c) && char.IsLetterOrDigit(c);
}
