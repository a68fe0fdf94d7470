using MentionWatch.Classification.Text;

namespace MentionWatch.Classification.Language;

/// <summary>
/// Tells English, Russian and everything else apart. Script counts decide between Cyrillic and Latin;
/// among Latin texts, English function words and a profile of frequent English character trigrams
/// decide against other Latin-script languages (diacritics and their own function words count against English).
/// </summary>
public static class LanguageIdentifier
{
    public const string English = "en";
    public const string Russian = "ru";
    public const string Other = "other";

    /// <summary>"en", "ru" or "other" for any string; never throws.</summary>
    public static string Detect(string? text)
    {
        var buffer = TokenBuffer.Current;
        Tokenizer.Tokenize(text, buffer);
        return Decide(buffer);
    }

    internal static string Decide(TokenBuffer buffer)
    {
        int latin = buffer.LatinLetters, cyrillic = buffer.CyrillicLetters;
        if (cyrillic == 0 && latin == 0) return Other;
        if (buffer.OtherLetters > latin + cyrillic) return Other;
        if (cyrillic >= latin)
            return buffer.UkrainianLetters * 20 > cyrillic ? Other : Russian;
        return LooksEnglish(buffer) ? English : Other;
    }

    private static bool LooksEnglish(TokenBuffer buffer)
    {
        int english = buffer.EnglishFunctionWords, foreign = buffer.OtherLatinFunctionWords, words = buffer.Words;
        if (buffer.LatinDiacritics * 25 > buffer.LatinLetters) foreign += 1 + buffer.LatinDiacritics / 3;
        if (english != foreign) return english > foreign;
        // No function-word evidence either way (short posts, hashtags): fall back to the trigram profile.
        return words == 0 || TrigramProfile.EnglishShare(buffer) >= 0.35;
    }
}
