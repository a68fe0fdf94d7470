namespace MentionWatch.Classification.Text;

/// <summary>What a token contributes: words get character n-grams, symbols only unigrams/bigrams, breaks nothing.</summary>
internal enum TokenKind : byte
{
    Word,
    Symbol,
    Break,
}

/// <summary>A token inside <see cref="TokenBuffer.Chars"/>; <see cref="Hash"/> is the FNV-1a hash of its characters.</summary>
internal struct Token
{
    public int Start;
    public int Length;
    public ulong Hash;
    public TokenKind Kind;
    public bool Elongated;
    public bool EndsScope;
    public bool Negated;
    public WordFlags Flags;
}
