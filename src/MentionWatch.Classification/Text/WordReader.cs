using System.Runtime.CompilerServices;
using MentionWatch.Classification.Features;

namespace MentionWatch.Classification.Text;

/// <summary>
/// Reads one word: letters/digits (inner apostrophes kept), digits folded to 0, a letter repeated beyond
/// two dropped with an "elongated" flag, stored between boundary markers for character n-grams.
/// Words of ASCII and lower-case Cyrillic letters take a loop without calls; anything else takes the
/// general loop (measured: the Unicode lookup call in the loop made the JIT spill every loop variable).
/// </summary>
internal static class WordReader
{
    public const char WordStart = '\u0002';
    public const char WordEnd = '\u0003';
    private const int MaxWordLength = 40;

    public static int Read(ReadOnlySpan<char> s, int i, TokenBuffer buffer)
    {
        int end = i;
        while (end < s.Length)
        {
            char c = s[end];
            if (IsSimple(c)) { end++; continue; }
            if (c == '\'')
            {
                if (end > i && end + 1 < s.Length)
                {
                    char next = s[end + 1];
                    if (IsSimple(next)) { end++; continue; }
                    if (next >= 128) return ReadGeneral(s, i, buffer);
                }
                break;
            }
            if (c < 128) break;
            // A non-ASCII, non-Cyrillic character (letter with diacritics, emoji, ...): the general loop decides.
            return ReadGeneral(s, i, buffer);
        }
        return ReadSimple(s, i, end, buffer);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsSimple(char c) =>
        (uint)(c - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 || (uint)(c - '\u0430') <= '\u044F' - '\u0430';

    private static int ReadSimple(ReadOnlySpan<char> s, int i, int end, TokenBuffer buffer)
    {
        var chars = buffer.Chars;
        chars[buffer.CharCount] = WordStart;
        int start = buffer.CharCount + 1;
        int o = start;
        ulong h = FeatureHash.Offset;
        bool elongated = false;
        char previous = '\0', beforePrevious = '\0';
        for (int k = i; k < end; k++)
        {
            char c = s[k];
            if ((uint)(c - '0') <= 9) c = '0';
            if (c == previous && c == beforePrevious) { elongated = true; continue; }
            if (o - start >= MaxWordLength) continue;
            chars[o++] = c;
            beforePrevious = previous;
            previous = c;
            h = FeatureHash.Step(h, c);
        }
        chars[o] = WordEnd;
        buffer.CharCount = o + 1;
        CountScript(s[i], end - i, buffer);
        AddToken(buffer, start, o - start, h, elongated);
        return end;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int ReadGeneral(ReadOnlySpan<char> s, int i, TokenBuffer buffer)
    {
        var chars = buffer.Chars;
        // Boundary markers around the word let character n-grams run over one contiguous span.
        chars[buffer.CharCount] = WordStart;
        int start = buffer.CharCount + 1;
        int o = start;
        ulong h = FeatureHash.Offset;
        bool elongated = false;
        int first = i, diacritics = 0, ukrainian = 0;
        char previous = '\0', beforePrevious = '\0';
        while (i < s.Length)
        {
            char c = s[i];
            if (c == '\'' && i + 1 < s.Length && Tokenizer.IsWordChar(s[i + 1]) && o > start) { /* inner apostrophe: keep */ }
            else if (!Tokenizer.IsWordChar(c)) break;
            i++;
            if (c >= '\u00C0')
            {
                if (c <= '\u024F') diacritics++;
                else if (c is '\u0456' or '\u0457' or '\u0454' or '\u0491') ukrainian++;
            }
            if ((uint)(c - '0') <= 9) c = '0';
            if (c == previous && c == beforePrevious) { elongated = true; continue; }
            if (o - start >= MaxWordLength) continue;
            chars[o++] = c;
            beforePrevious = previous;
            previous = c;
            h = FeatureHash.Step(h, c);
        }
        chars[o] = WordEnd;
        buffer.CharCount = o + 1;
        // Script statistics per word (by its first character), not per character: cheaper, same verdicts.
        CountScript(s[first], i - first, buffer);
        buffer.LatinDiacritics += diacritics;
        buffer.UkrainianLetters += ukrainian;
        AddToken(buffer, start, o - start, h, elongated);
        return i;
    }

    private static void AddToken(TokenBuffer buffer, int start, int length, ulong hash, bool elongated)
    {
        var flags = WordLexicon.Lookup(hash);
        // Counted here so language identification needs no second pass over the tokens.
        buffer.Words++;
        if ((flags & WordFlags.EnglishFunction) != 0) buffer.EnglishFunctionWords++;
        else if ((flags & WordFlags.OtherLatinFunction) != 0) buffer.OtherLatinFunctionWords++;
        bool negated = NegationScope.OnWord(buffer, flags, start, length);
        ref var t = ref buffer.Tokens[buffer.TokenCount++];
        t = new Token { Start = start, Length = length, Hash = hash, Kind = TokenKind.Word, Elongated = elongated, Flags = flags, Negated = negated };
    }

    private static void CountScript(char c, int length, TokenBuffer buffer)
    {
        if (c < 128)
        {
            if (c >= 'a') buffer.LatinLetters += length;
        }
        else if ((uint)(c - '\u0400') <= '\u04FF' - '\u0400')
        {
            buffer.CyrillicLetters += length;
        }
        else if (c <= '\u024F')
        {
            buffer.LatinLetters += length;
        }
        else if (char.IsLetter(c))
        {
            buffer.OtherLetters += length;
        }
    }

}
