namespace MentionWatch.Core.Matching;

/// <summary>
/// Per-post working state, reused across posts (one per concurrent caller) so matching a post does not allocate:
/// a flag counts as set only when it holds the current stamp, so nothing is cleared between posts.
/// </summary>
internal sealed class MatchScratch(MatchVocabulary vocabulary)
{
    private readonly int[] _words = new int[vocabulary.WordCount];
    private readonly int[] _prefixes = new int[vocabulary.PrefixCount];
    private readonly int[] _tags = new int[vocabulary.TagCount];
    private readonly int[] _handles = new int[vocabulary.HandleCount];
    private int _stamp;

    /// <summary>Word id at each token position (-1 for words no watch uses), for phrase checks.</summary>
    public int[] Sequence { get; private set; } = new int[64];
    public int SequenceLength { get; set; }
    public char[] Buffer { get; private set; } = new char[256];

    public string Lang { get; set; } = "";
    public string Source { get; set; } = "";
    public string From { get; set; } = "";

    public void Begin()
    {
        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_words);
            Array.Clear(_prefixes);
            Array.Clear(_tags);
            Array.Clear(_handles);
            _stamp = 1;
        }
        SequenceLength = 0;
    }

    public void MarkWord(int id) => _words[id] = _stamp;
    public void MarkPrefix(int id) => _prefixes[id] = _stamp;
    public void MarkTag(int id) => _tags[id] = _stamp;
    public void MarkHandle(int id) => _handles[id] = _stamp;
    public bool HasWord(int id) => _words[id] == _stamp;
    public bool HasPrefix(int id) => _prefixes[id] == _stamp;
    public bool HasTag(int id) => _tags[id] == _stamp;
    public bool HasHandle(int id) => _handles[id] == _stamp;

    public void Append(int wordId)
    {
        if (SequenceLength == Sequence.Length)
        {
            var grown = Sequence;
            Array.Resize(ref grown, grown.Length * 2);
            Sequence = grown;
        }
        Sequence[SequenceLength++] = wordId;
    }

    public Span<char> BufferFor(int length)
    {
        if (Buffer.Length < length) Buffer = new char[Math.Max(length, Buffer.Length * 2)];
        return Buffer.AsSpan(0, length);
    }
}
