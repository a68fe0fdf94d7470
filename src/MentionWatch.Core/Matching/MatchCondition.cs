using MentionWatch.Core.Query;

namespace MentionWatch.Core.Matching;

/// <summary>A compiled query node evaluated against a tokenized post.</summary>
internal abstract class MatchCondition
{
    public abstract bool Evaluate(MatchScratch post);

    /// <summary>Compiles <paramref name="node"/>, registering its words in <paramref name="vocabulary"/>.</summary>
    public static MatchCondition Compile(QueryNode node, MatchVocabulary vocabulary) => node switch
    {
        TermNode { Prefix: true } t => new PrefixCondition(vocabulary.Prefix(t.Term)),
        TermNode t => new WordCondition(vocabulary.Word(t.Term)),
        PhraseNode p => new PhraseCondition(p.Terms.Select(vocabulary.Word).ToArray()),
        HashtagNode h => new TagCondition(vocabulary.Tag(h.Tag)),
        HandleNode h => new HandleCondition(vocabulary.Handle(h.Handle)),
        FieldNode f => new FieldCondition(f.Field, f.Value),
        AndNode a => new AndCondition(a.Children.Select(c => Compile(c, vocabulary)).ToArray()),
        OrNode o => new OrCondition(o.Children.Select(c => Compile(c, vocabulary)).ToArray()),
        NotNode n => new NotCondition(Compile(n.Child, vocabulary)),
        _ => throw new NotSupportedException($"Query node {node.GetType().Name} is not supported by the matcher."),
    };

    public bool UsesPhrases => this switch
    {
        PhraseCondition => true,
        AndCondition a => a.Children.Any(c => c.UsesPhrases),
        OrCondition o => o.Children.Any(c => c.UsesPhrases),
        NotCondition n => n.Child.UsesPhrases,
        _ => false,
    };
}

internal sealed class WordCondition(int id) : MatchCondition
{
    public override bool Evaluate(MatchScratch post) => post.HasWord(id);
}

internal sealed class PrefixCondition(int id) : MatchCondition
{
    public override bool Evaluate(MatchScratch post) => post.HasPrefix(id);
}

internal sealed class TagCondition(int id) : MatchCondition
{
    public override bool Evaluate(MatchScratch post) => post.HasTag(id);
}

internal sealed class HandleCondition(int id) : MatchCondition
{
    public override bool Evaluate(MatchScratch post) => post.HasHandle(id);
}

internal sealed class PhraseCondition(int[] ids) : MatchCondition
{
    public override bool Evaluate(MatchScratch post)
    {
        foreach (var id in ids)
            if (!post.HasWord(id)) return false;
        var sequence = post.Sequence;
        var last = post.SequenceLength - ids.Length;
        for (var start = 0; start <= last; start++)
        {
            var k = 0;
            while (k < ids.Length && sequence[start + k] == ids[k]) k++;
            if (k == ids.Length) return true;
        }
        return false;
    }
}

internal sealed class FieldCondition(string field, string value) : MatchCondition
{
    public override bool Evaluate(MatchScratch post) => field switch
    {
        "lang" => post.Lang == value,
        "source" => post.Source == value,
        "from" => post.From == value,
        _ => false,
    };
}

internal sealed class AndCondition(MatchCondition[] children) : MatchCondition
{
    public MatchCondition[] Children { get; } = children;

    public override bool Evaluate(MatchScratch post)
    {
        foreach (var child in Children)
            if (!child.Evaluate(post)) return false;
        return true;
    }
}

internal sealed class OrCondition(MatchCondition[] children) : MatchCondition
{
    public MatchCondition[] Children { get; } = children;

    public override bool Evaluate(MatchScratch post)
    {
        foreach (var child in Children)
            if (child.Evaluate(post)) return true;
        return false;
    }
}

internal sealed class NotCondition(MatchCondition child) : MatchCondition
{
    public MatchCondition Child { get; } = child;
    public override bool Evaluate(MatchScratch post) => !Child.Evaluate(post);
}
