using System.Collections.Concurrent;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Query;

namespace MentionWatch.Core.Matching;

/// <summary>
/// Decides which watches a post belongs to. Built once from the watch list (each query parsed and compiled
/// once); immutable and safe to share between threads. Rebuild it when watches change.
/// </summary>
public sealed class WatchMatcher
{
    private readonly string[] _names;
    private readonly MatchCondition[] _conditions;
    private readonly MatchVocabulary _vocabulary = new();
    private readonly bool _needsSequence;
    private readonly Dictionary<string, string[]> _brandHandles = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<MatchScratch> _scratch = [];

    /// <summary>Compiles every watch's query. Throws <see cref="InvalidWatchQueryException"/> naming the first bad watch.</summary>
    public WatchMatcher(IEnumerable<Watch> watches)
    {
        ArgumentNullException.ThrowIfNull(watches);
        var list = watches.ToList();
        _names = new string[list.Count];
        _conditions = new MatchCondition[list.Count];
        var brand = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var watch = list[i];
            QueryNode query;
            try
            {
                query = QueryParser.Parse(watch.Query);
            }
            catch (QuerySyntaxException ex)
            {
                throw new InvalidWatchQueryException(watch.Name, ex);
            }
            _names[i] = watch.Name;
            _conditions[i] = MatchCondition.Compile(query, _vocabulary);
            _needsSequence |= _conditions[i].UsesPhrases;
            foreach (var handle in watch.OwnHandles ?? [])
            {
                var key = TextNormalizer.FieldValue(handle);
                if (!brand.TryGetValue(key, out var names)) brand[key] = names = [];
                if (!names.Contains(watch.Name)) names.Add(watch.Name);
            }
        }
        foreach (var (handle, names) in brand) _brandHandles[handle] = [.. names];
    }

    /// <summary>Names of the watches in this matcher, in the order given.</summary>
    public IReadOnlyList<string> WatchNames => _names;

    /// <summary>
    /// Names of the watches whose query matches the post (text, hashtags, handles, lang/source/author fields).
    /// Brand posts are not excluded here; see <see cref="BrandPostOf"/>.
    /// </summary>
    public IReadOnlyList<string> Match(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (_conditions.Length == 0) return [];
        var scratch = Rent();
        try
        {
            Load(scratch, post);
            List<string>? matched = null;
            for (var i = 0; i < _conditions.Length; i++)
                if (_conditions[i].Evaluate(scratch)) (matched ??= []).Add(_names[i]);
            return matched ?? (IReadOnlyList<string>)[];
        }
        finally
        {
            _scratch.Add(scratch);
        }
    }

    /// <summary>Names of the watches whose own handles include the post's author: the post is the brand's own.</summary>
    public IReadOnlyList<string> BrandPostOf(Post post)
    {
        ArgumentNullException.ThrowIfNull(post);
        if (_brandHandles.Count == 0 || post.Author?.Handle is not { } handle) return [];
        return _brandHandles.TryGetValue(TextNormalizer.FieldValue(handle), out var names) ? names : [];
    }

    private MatchScratch Rent() => _scratch.TryTake(out var scratch) ? scratch : new MatchScratch(_vocabulary);

    private void Load(MatchScratch scratch, Post post)
    {
        scratch.Begin();
        scratch.Lang = post.Lang is null ? "" : TextNormalizer.FieldValue(post.Lang);
        scratch.Source = TextNormalizer.FieldValue(post.Source ?? "");
        scratch.From = post.Author?.Handle is null ? "" : TextNormalizer.FieldValue(post.Author.Handle);

        var text = (post.Text ?? "").AsSpan();
        var words = _vocabulary.Words;
        var prefixes = _vocabulary.Prefixes;
        var tags = _vocabulary.Tags;
        var handles = _vocabulary.Handles;
        var prefixLengths = _vocabulary.PrefixLengths;
        var tokenizer = new TextTokenizer(text);
        while (tokenizer.MoveNext())
        {
            var token = tokenizer.Current;
            var folded = scratch.BufferFor(token.Length);
            TextNormalizer.NormalizeInto(text.Slice(token.Start, token.Length), folded);
            ReadOnlySpan<char> word = folded;

            var wordId = words.TryGetValue(word, out var id) ? id : -1;
            if (wordId >= 0) scratch.MarkWord(wordId);
            if (_needsSequence) scratch.Append(wordId);
            foreach (var length in prefixLengths)
            {
                if (length > word.Length) break;
                if (prefixes.TryGetValue(word[..length], out var prefixId)) scratch.MarkPrefix(prefixId);
            }
            if (token.Kind == TokenKind.Hashtag && tags.TryGetValue(word, out var tagId)) scratch.MarkTag(tagId);
            else if (token.Kind == TokenKind.Handle && handles.TryGetValue(word, out var handleId)) scratch.MarkHandle(handleId);
        }
    }
}

/// <summary>A watch whose query does not parse; names the watch and carries the syntax error.</summary>
public sealed class InvalidWatchQueryException(string watchName, QuerySyntaxException inner)
    : ArgumentException($"watch '{watchName}' has an invalid query: {inner.Message}", inner)
{
    public string WatchName { get; } = watchName;
    public QuerySyntaxException SyntaxError { get; } = inner;
}
