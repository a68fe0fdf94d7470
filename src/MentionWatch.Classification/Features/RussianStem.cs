using Lucene.Net.Tartarus.Snowball.Ext;

namespace MentionWatch.Classification.Features;

/// <summary>Lucene.Net's Snowball Russian stemmer over a per-thread instance (it keeps state between calls).</summary>
internal static class RussianStem
{
    [ThreadStatic] private static RussianStemmer? stemmer;
    [ThreadStatic] private static char[]? chars;

    public static bool IsCyrillic(char c) => c is >= '\u0430' and <= '\u044F';

    /// <summary>The stem of a lower-case word; valid until the next call on this thread.</summary>
    public static ReadOnlySpan<char> Of(ReadOnlySpan<char> word)
    {
        stemmer ??= new RussianStemmer();
        if (chars is null || chars.Length < word.Length) chars = new char[Math.Max(64, word.Length * 2)];
        word.CopyTo(chars);
        stemmer.SetCurrent(chars, word.Length);
        stemmer.Stem();
        return stemmer.CurrentBuffer.AsSpan(0, stemmer.CurrentBufferLength);
    }
}
