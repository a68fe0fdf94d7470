using System.Globalization;

namespace MentionWatch.Core.Query;

/// <summary>
/// The one definition of text folding and word boundaries, shared by the query parser, the watch matcher and
/// every store's index, so a query matches the same words everywhere. Folding is lower case (invariant) with
/// ё folded to е; a word is a run of letters, digits and '_' (the same characters the SQLite FTS5 index keeps).
/// </summary>
public static class TextNormalizer
{
    /// <summary>Lower-cases and folds ё to е. Returns the same instance when nothing changes.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var i = 0;
        while (i < text.Length && Fold(text[i]) == text[i]) i++;
        if (i == text.Length) return text;
        return string.Create(text.Length, text, static (dst, src) => NormalizeInto(src, dst));
    }

    /// <summary>Writes the folded form of <paramref name="source"/> into <paramref name="destination"/> (same length).</summary>
    public static void NormalizeInto(ReadOnlySpan<char> source, Span<char> destination)
    {
        if (destination.Length < source.Length) throw new ArgumentException("Destination is shorter than the source.", nameof(destination));
        for (var i = 0; i < source.Length; i++) destination[i] = Fold(source[i]);
    }

    /// <summary>Folds one character: lower case, ё to е.</summary>
    public static char Fold(char c)
    {
        if (c < 128) return c is >= 'A' and <= 'Z' ? (char)(c + 32) : c;
        var lower = char.ToLowerInvariant(c);
        return lower == 'ё' ? 'е' : lower;
    }

    /// <summary>True for characters that belong to a word: letters, digits and '_'.</summary>
    public static bool IsWordChar(char c)
    {
        if (c < 128) return c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '_';
        return char.GetUnicodeCategory(c) switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
            _ => false,
        };
    }

    /// <summary>Splits text into normalized words, hashtags and @handles (allocating; for non-hot paths).</summary>
    public static TokenizedText Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var normalized = Normalize(text);
        var words = new List<string>();
        List<string>? tags = null, handles = null;
        var tokenizer = new TextTokenizer(normalized);
        while (tokenizer.MoveNext())
        {
            var token = tokenizer.Current;
            var word = normalized.Substring(token.Start, token.Length);
            words.Add(word);
            if (token.Kind == TokenKind.Hashtag) (tags ??= []).Add(word);
            else if (token.Kind == TokenKind.Handle) (handles ??= []).Add(word);
        }
        return new TokenizedText(words, tags ?? [], handles ?? []);
    }

    /// <summary>
    /// Folds a field value (lang, source, author handle) into one index token: normalized, a leading '@' dropped,
    /// every non-word character replaced by '_'.
    /// </summary>
    public static string FieldValue(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var trimmed = value.AsSpan().Trim().TrimStart('@');
        if (trimmed.IsEmpty) return "_";
        if (trimmed.Length == value.Length && IsFieldToken(trimmed)) return value;
        return string.Create(trimmed.Length, trimmed.ToString(), static (dst, src) =>
        {
            for (var i = 0; i < src.Length; i++) dst[i] = IsWordChar(src[i]) ? Fold(src[i]) : '_';
        });
    }

    private static bool IsFieldToken(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
            if (!IsWordChar(c) || Fold(c) != c) return false;
        return true;
    }
}

/// <summary>Normalized words of a text in order (hashtag and handle words included), plus the hashtags and handles.</summary>
public sealed record TokenizedText(IReadOnlyList<string> Words, IReadOnlyList<string> Hashtags, IReadOnlyList<string> Handles);

/// <summary>Whether a word stood alone, after '#' or after '@'.</summary>
public enum TokenKind { Word, Hashtag, Handle }

/// <summary>A word's kind and its span in the tokenized text (without the # or @).</summary>
public readonly record struct TextToken(TokenKind Kind, int Start, int Length);
