namespace MentionWatch.Core.Query;

/// <summary>
/// A parsed query: one tree that both the in-memory watch matcher and each store's search translate.
/// Terms are stored normalized (lower case, ё folded to е). Nodes compare structurally, and
/// <see cref="object.ToString"/> renders the canonical query text, which parses back to an equal tree.
/// </summary>
public abstract record QueryNode;

/// <summary>A word; a trailing * makes it a prefix.</summary>
public sealed record TermNode(string Term, bool Prefix = false) : QueryNode
{
    public override string ToString() => Prefix ? Term + "*" : Term;
}

/// <summary>"exact phrase": consecutive words.</summary>
public sealed record PhraseNode(IReadOnlyList<string> Terms) : QueryNode
{
    // Records compare lists by reference; a query tree is a value, so compare the words.
    public bool Equals(PhraseNode? other) => other is not null && Terms.SequenceEqual(other.Terms, StringComparer.Ordinal);
    public override int GetHashCode() => QueryNodeHash.Of(Terms);
    public override string ToString() => "\"" + string.Join(' ', Terms) + "\"";
}

/// <summary>#hashtag (without the #).</summary>
public sealed record HashtagNode(string Tag) : QueryNode
{
    public override string ToString() => "#" + Tag;
}

/// <summary>@handle mentioned in the text (without the @).</summary>
public sealed record HandleNode(string Handle) : QueryNode
{
    public override string ToString() => "@" + Handle;
}

/// <summary>field:value for lang, from (author handle) and source.</summary>
public sealed record FieldNode(string Field, string Value) : QueryNode
{
    public override string ToString() => Field + ":" + Value;
}

public sealed record AndNode(IReadOnlyList<QueryNode> Children) : QueryNode
{
    public bool Equals(AndNode? other) => other is not null && Children.SequenceEqual(other.Children);
    public override int GetHashCode() => QueryNodeHash.Of(Children);
    public override string ToString() => "(" + string.Join(" AND ", Children) + ")";
}

public sealed record OrNode(IReadOnlyList<QueryNode> Children) : QueryNode
{
    public bool Equals(OrNode? other) => other is not null && Children.SequenceEqual(other.Children);
    public override int GetHashCode() => QueryNodeHash.Of(Children);
    public override string ToString() => "(" + string.Join(" OR ", Children) + ")";
}

public sealed record NotNode(QueryNode Child) : QueryNode
{
    public override string ToString() => "NOT " + Child;
}

internal static class QueryNodeHash
{
    public static int Of<T>(IReadOnlyList<T> items)
    {
        var hash = new HashCode();
        foreach (var item in items) hash.Add(item);
        return hash.ToHashCode();
    }
}

/// <summary>A query that does not parse: where, and what was expected there.</summary>
public sealed class QuerySyntaxException(string message, int position, string expected) : FormatException(message)
{
    /// <summary>Zero-based character offset in the query text.</summary>
    public int Position { get; } = position;
    public string Expected { get; } = expected;
}
