namespace MentionWatch.Core.Matching;

/// <summary>
/// Every word, prefix, hashtag and handle used by any compiled watch, numbered, so a post's tokens are looked up
/// once (by span, without allocating) and conditions test flags by number.
/// </summary>
internal sealed class MatchVocabulary
{
    private readonly Dictionary<string, int> _words = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _prefixes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _handles = new(StringComparer.Ordinal);
    private readonly SortedSet<int> _prefixLengths = [];

    public int WordCount => _words.Count;
    public int PrefixCount => _prefixes.Count;
    public int TagCount => _tags.Count;
    public int HandleCount => _handles.Count;
    public int[] PrefixLengths { get; private set; } = [];

    public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Words => _words.GetAlternateLookup<ReadOnlySpan<char>>();
    public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Prefixes => _prefixes.GetAlternateLookup<ReadOnlySpan<char>>();
    public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Tags => _tags.GetAlternateLookup<ReadOnlySpan<char>>();
    public Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> Handles => _handles.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Word(string word) => Id(_words, word);
    public int Tag(string tag) => Id(_tags, tag);
    public int Handle(string handle) => Id(_handles, handle);

    public int Prefix(string prefix)
    {
        _prefixLengths.Add(prefix.Length);
        PrefixLengths = [.. _prefixLengths];
        return Id(_prefixes, prefix);
    }

    private static int Id(Dictionary<string, int> map, string key)
    {
        if (!map.TryGetValue(key, out var id))
        {
            id = map.Count;
            map.Add(key, id);
        }
        return id;
    }
}
