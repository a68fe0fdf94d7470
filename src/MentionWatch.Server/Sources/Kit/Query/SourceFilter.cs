using MentionWatch.Core.Query;

namespace MentionWatch.Server.Sources.Kit.Query;

/// <summary>
/// Resolves <c>source:</c> filters for one source: <c>source:this</c> is always true there, any other source always
/// false, and the tree is simplified around them. A watch whose query reduces to false is not polled by the source.
/// </summary>
internal static class SourceFilter
{
    /// <summary>The query reduced for a source known by <paramref name="names"/> (its name and aliases).</summary>
    public static SourceReduction Reduce(QueryNode query, IReadOnlySet<string> names)
    {
        ArgumentNullException.ThrowIfNull(query);
        var others = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var reduced = Resolve(query, names, others);
        return reduced switch
        {
            Constant { Value: false } => new SourceReduction(SourceReductionKind.Never, null, others.ToList()),
            Constant { Value: true } => new SourceReduction(SourceReductionKind.Always, null, others.ToList()),
            _ => new SourceReduction(SourceReductionKind.Query, reduced, others.ToList()),
        };
    }

    private static QueryNode Resolve(QueryNode node, IReadOnlySet<string> names, ISet<string> others)
    {
        switch (node)
        {
            case FieldNode { Field: var f, Value: var v } when f.Equals("source", StringComparison.OrdinalIgnoreCase):
                if (names.Contains(v)) return Constant.True;
                others.Add(v);
                return Constant.False;
            case NotNode not:
                var child = Resolve(not.Child, names, others);
                return child is Constant c ? Constant.Of(!c.Value) : new NotNode(child);
            case AndNode and:
                var andKids = new List<QueryNode>();
                foreach (var k in and.Children.Select(k => Resolve(k, names, others)))
                {
                    if (k is Constant { Value: false }) return Constant.False;
                    if (k is not Constant) andKids.Add(k);
                }

                return andKids.Count switch { 0 => Constant.True, 1 => andKids[0], _ => new AndNode(andKids) };
            case OrNode or:
                var orKids = new List<QueryNode>();
                foreach (var k in or.Children.Select(k => Resolve(k, names, others)))
                {
                    if (k is Constant { Value: true }) return Constant.True;
                    if (k is not Constant) orKids.Add(k);
                }

                return orKids.Count switch { 0 => Constant.False, 1 => orKids[0], _ => new OrNode(orKids) };
            default:
                return node;
        }
    }

    private sealed record Constant(bool Value) : QueryNode
    {
        public static readonly Constant True = new(true);
        public static readonly Constant False = new(false);
        public static Constant Of(bool value) => value ? True : False;
    }
}

internal enum SourceReductionKind
{
    /// <summary><see cref="SourceReduction.Query"/> is what remains to search for.</summary>
    Query,
    /// <summary>Only other sources can match (e.g. <c>acme source:reddit</c> for X).</summary>
    Never,
    /// <summary>Nothing but <c>source:</c> filters naming this source: every post matches, nothing to search for.</summary>
    Always,
}

/// <summary>A watch query with its <c>source:</c> filters resolved for one source.</summary>
internal sealed record SourceReduction(SourceReductionKind Kind, QueryNode? Query, IReadOnlyList<string> OtherSources)
{
    public string OtherSourcesText => "source:" + string.Join(", source:", OtherSources);
}
