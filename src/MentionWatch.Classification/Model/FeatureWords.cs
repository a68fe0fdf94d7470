namespace MentionWatch.Classification.Model;

/// <summary>
/// Turns explain-mode feature names (w:, w:NOT_, b:, cw:, h:, s:, flags) into words a support agent
/// understands: "the word 'refund'", "negation: not working", "a question addressed to @brand".
/// </summary>
internal static class FeatureWords
{
    /// <param name="handle">the first @handle of the post, if any: a question mark then reads as a question addressed to it.</param>
    public static string Describe(string feature, string? handle = null)
    {
        if (feature == "<sentiment stack>") return "the post's overall sentiment";
        if (feature == "<elongated>") return "stretched letters (e.g. 'sooo')";
        if (feature.Length < 2 || feature.IndexOf(':') < 0) return feature;
        int colon = feature.IndexOf(':');
        string kind = feature[..colon], value = feature[(colon + 1)..];
        return kind switch
        {
            "w" when value.StartsWith("NOT_", StringComparison.Ordinal) => "negation: not " + Token(value[4..]),
            "w" => Word(value, handle),
            "b" => Phrase(value),
            "cw" => $"the word '{Token(value)}'",
            "c" => $"the letters '{value.Trim('<', '>')}'",
            "h" => "addressed to " + value,
            "s" => $"words with the stem '{value}'",
            _ => feature,
        };
    }

    private static string Word(string token, string? handle) => token switch
    {
        _ when token.Length > 0 && token.All(c => c == '?') => handle is null ? "a question mark" : "a question addressed to " + handle,
        _ when token.Length > 0 && token.All(c => c is '!' or '?') => token.Length > 1 ? "exclamation marks" : "an exclamation mark",
        "<url>" => "a link",
        "<user>" => "a mention of an account (@...)",
        _ => $"the word '{token}'",
    };

    private static string Phrase(string bigram)
    {
        var parts = bigram.Split(' ', 2);
        if (parts.Length != 2) return $"the phrase '{bigram}'";
        var (first, second) = (parts[0], parts[1]);
        if (first == "<s>") return second == "<user>" ? "starts by addressing an account (@...)" : $"starts with '{Token(second)}'";
        if (second == "</s>") return $"ends with '{Token(first)}'";
        if (first == "<break>") return $"a sentence that starts with '{Token(second)}'";
        return $"the phrase '{Token(first)} {Token(second)}'";
    }

    private static string Token(string token) => token switch
    {
        "<user>" => "@account",
        "<url>" => "a link",
        "<break>" => "/",
        _ => token,
    };
}
