namespace MentionWatch.Classification.Text;

/// <summary>
/// Marks words after a negator ("not", "never", "don't", "не", "нет", ...) as negated until the next clause
/// punctuation or <see cref="MaxScope"/> words, so "not good" and "good" become different features. The
/// tokenizer applies it to each token as it is added (<see cref="OnWord"/>, <see cref="EndScope"/>): a second
/// pass over the tokens cost 5% of classify time (measured with perf).
/// </summary>
internal static class NegationScope
{
    public const int MaxScope = 6;

    public static readonly string[] Negators =
    [
        "not", "no", "never", "nothing", "nobody", "none", "nor", "neither", "cannot", "without", "nowhere",
        "dont", "cant", "wont", "isnt", "didnt", "doesnt", "wasnt", "arent", "couldnt", "shouldnt", "wouldnt",
        "aint", "havent", "hasnt", "werent", "hadnt", "mustnt", "neednt",
        "не", "нет", "ни", "никогда", "ничего", "никто", "нельзя", "без", "нету", "ниче", "нифига",
    ];

    private static bool IsNegator(WordFlags flags, char[] chars, int start, int length) =>
        (flags & WordFlags.Negator) != 0 ||
        (length > 3 && chars[start + length - 1] == 't' && chars.AsSpan(start, length).EndsWith("n't"));

    /// <summary>For a word about to be added: whether it is negated; a negator opens a new scope (and is not negated itself).</summary>
    public static bool OnWord(TokenBuffer buffer, WordFlags flags, int start, int length)
    {
        if (IsNegator(flags, buffer.Chars, start, length))
        {
            buffer.NegationLeft = MaxScope;
            return false;
        }
        if (buffer.NegationLeft == 0) return false;
        buffer.NegationLeft--;
        return true;
    }

    /// <summary>Clause punctuation, emoticons and the like close the scope.</summary>
    public static void EndScope(TokenBuffer buffer) => buffer.NegationLeft = 0;

}
