namespace MentionWatch.Classification.Language;

/// <summary>Closed-class words, looked up through <see cref="Text.WordLexicon"/>.</summary>
internal static class FunctionWords
{
    public static readonly string[] English =
    [
        "the", "a", "an", "and", "or", "but", "to", "of", "in", "on", "at", "for", "with", "is", "are", "was", "were",
        "be", "been", "i", "you", "he", "she", "it", "we", "they", "my", "your", "his", "her", "our", "their", "me",
        "this", "that", "these", "what", "who", "why", "how", "when", "where", "not", "no", "just", "so", "do", "does",
        "did", "have", "has", "had", "will", "would", "can", "could", "should", "im", "i'm", "it's", "don't", "dont",
        "if", "about", "from", "by", "up", "out", "all", "get", "got", "like", "than", "then", "there", "here", "now",
        "tomorrow", "today", "going", "am", "its", "very", "really", "want", "need", "new", "day", "time", "see",
    ];

    public static readonly string[] OtherLatin =
    [
        // Spanish / Portuguese / Italian / French / German / Dutch / Turkish / Indonesian function words
        "el", "los", "las", "del", "que", "y", "por", "para", "con", "una", "es", "muy", "pero", "como", "esta",
        "não", "nao", "com", "uma", "os", "em", "mais", "voce", "você", "il", "di", "che", "della", "sono", "per",
        "le", "les", "des", "et", "est", "une", "pas", "je", "vous", "avec", "dans", "pour", "qui", "sur", "du",
        "der", "die", "das", "und", "ist", "nicht", "ich", "mit", "ein", "eine", "auf", "zu", "den", "dem", "sie",
        "het", "een", "niet", "van", "ik", "bir", "ve", "bu", "yang", "dan", "ini", "itu", "ga", "aku", "ya",
    ];

}
