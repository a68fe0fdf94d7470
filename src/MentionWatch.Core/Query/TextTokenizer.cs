namespace MentionWatch.Core.Query;

/// <summary>
/// Allocation-free word enumerator over a text (see <see cref="TextNormalizer"/> for what a word is).
/// A word right after '#' or '@' is a hashtag or handle when that sign does not itself follow a word
/// character, so "c#" and "mail@example" are plain words.
/// </summary>
public ref struct TextTokenizer(ReadOnlySpan<char> text)
{
    private readonly ReadOnlySpan<char> _text = text;
    private int _position;

    public TextToken Current { get; private set; }

    public bool MoveNext()
    {
        var text = _text;
        var i = _position;
        while (i < text.Length && !TextNormalizer.IsWordChar(text[i])) i++;
        if (i >= text.Length)
        {
            _position = i;
            return false;
        }

        var start = i;
        while (i < text.Length && TextNormalizer.IsWordChar(text[i])) i++;
        _position = i;

        var kind = TokenKind.Word;
        if (start > 0 && (start < 2 || !TextNormalizer.IsWordChar(text[start - 2])))
        {
            kind = text[start - 1] switch
            {
                '#' => TokenKind.Hashtag,
                '@' => TokenKind.Handle,
                _ => TokenKind.Word,
            };
        }
        Current = new TextToken(kind, start, i - start);
        return true;
    }
}
