namespace MentionWatch.Core.Query;

/// <summary>
/// A parsed query: one tree that both the in-memory watch matcher and each store's search translate.
/// Terms are stored normalized (lower case, ё folded to е).
/// </summary>
public abstract record QueryNode;

/// <summary>A word; a trailing * makes it a prefix.</summary>
public sealed record TermNode(string Term, bool Prefix = false) : QueryNode;
/// <summary>"exact phrase": consecutive words.</summary>
public sealed record PhraseNode(IReadOnlyList<string> Terms) : QueryNode;
/// <summary>#hashtag (without the #).</summary>
public sealed record HashtagNode(string Tag) : QueryNode;
/// <summary>@handle mentioned in the text (without the @).</summary>
public sealed record HandleNode(string Handle) : QueryNode;
/// <summary>field:value for lang, from (author handle) and source.</summary>
public sealed record FieldNode(string Field, string Value) : QueryNode;
public sealed record AndNode(IReadOnlyList<QueryNode> Children) : QueryNode;
public sealed record OrNode(IReadOnlyList<QueryNode> Children) : QueryNode;
public sealed record NotNode(QueryNode Child) : QueryNode;

/// <summary>A query that does not parse: where, and what was expected there.</summary>
public sealed class QuerySyntaxException(string message, int position, string expected) : FormatException(message)
{
    /// <summary>Zero-based character offset in the query text.</summary>
    public int Position { get; } = position;
    public string Expected { get; } = expected;
}
