namespace MentionWatch.Classification.Text;

/// <summary>
/// Marks words after a negator ("not", "never", "don't", "не", "нет", ...) as negated until the next clause
/// punctuation or <see cref="MaxScope"/> words, so "not good" and "good" become different features.
/// </summary>
internal static class NegationScope
{
    private const int MaxScope = 6;

    public static readonly string[] Negators =
    [
        "not", "no", "never", "nothing", "nobody", "none", "nor", "neither", "cannot", "without", "nowhere",
        "dont", "cant", "wont", "isnt", "didnt", "doesnt", "wasnt", "arent", "couldnt", "shouldnt", "wouldnt",
        "aint", "havent", "hasnt", "werent", "hadnt", "mustnt", "neednt",
        "не", "нет", "ни", "никогда", "ничего", "никто", "нельзя", "без", "нету", "ниче", "нифига",
    ];

    public static bool IsNegator(in Token token, char[] chars) =>
        token.Kind == TokenKind.Word &&
        ((token.Flags & WordFlags.Negator) != 0 ||
         (token.Length > 3 && chars[token.Start + token.Length - 1] == 't' && chars.AsSpan(token.Start, token.Length).EndsWith("n't")));

    public static void Mark(TokenBuffer buffer)
    {
        var tokens = buffer.Tokens.AsSpan(0, buffer.TokenCount);
        int remaining = 0;
        for (int k = 0; k < tokens.Length; k++)
        {
            ref var t = ref tokens[k];
            if (t.EndsScope) { remaining = 0; continue; }
            if (t.Kind != TokenKind.Word) continue;
            if (IsNegator(t, buffer.Chars)) { remaining = MaxScope; continue; }
            if (remaining > 0) { t.Negated = true; remaining--; }
        }
    }

}
