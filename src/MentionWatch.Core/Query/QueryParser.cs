namespace MentionWatch.Core.Query;

/// <summary>
/// Parses the MentionWatch query language (docs/query-language.md) into a <see cref="QueryNode"/> tree.
/// Precedence, loosest first: OR, then AND (explicit or implied by adjacency), then NOT / '-'.
/// Operators are upper case; a lower-case "or" is an ordinary word.
/// </summary>
public static class QueryParser
{
    public const int MaxLength = 1000;
    public const int MaxDepth = 20;
    public const int MaxTerms = 100;

    private const string SearchTerm = "a search term";
    private static readonly string[] Fields = ["lang", "from", "source"];

    /// <summary>Parses <paramref name="text"/>; throws <see cref="QuerySyntaxException"/> with position and expectation.</summary>
    public static QueryNode Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxLength)
            throw new QuerySyntaxException(
                $"query is {text.Length} characters long: expected at most {MaxLength} characters at position {MaxLength}",
                MaxLength, $"at most {MaxLength} characters");
        var state = new State(new QueryLexer(text));
        var node = ParseOr(state, 0);
        var rest = state.Lexer.Next();
        if (rest.Type != QueryTokenType.End)
            throw QueryErrors.Expected("end of query (unbalanced ')')", rest.Position, rest.Describe());
        return node;
    }

    private sealed class State(QueryLexer lexer)
    {
        public QueryLexer Lexer { get; } = lexer;
        public int Terms { get; set; }
    }

    private static QueryNode ParseOr(State state, int depth)
    {
        var first = ParseAnd(state, depth);
        if (state.Lexer.Peek().Type != QueryTokenType.Or) return first;
        var children = new List<QueryNode> { first };
        while (state.Lexer.Peek().Type == QueryTokenType.Or)
        {
            state.Lexer.Next();
            children.Add(ParseAnd(state, depth));
        }
        return new OrNode(children);
    }

    private static QueryNode ParseAnd(State state, int depth)
    {
        var children = new List<QueryNode> { ParseUnary(state, depth) };
        while (true)
        {
            var next = state.Lexer.Peek();
            if (next.Type is QueryTokenType.End or QueryTokenType.RightParen or QueryTokenType.Or) break;
            if (next.Type == QueryTokenType.And) state.Lexer.Next();
            children.Add(ParseUnary(state, depth));
        }
        return children.Count == 1 ? children[0] : new AndNode(children);
    }

    private static QueryNode ParseUnary(State state, int depth)
    {
        var token = state.Lexer.Peek();
        if (token.Type is not (QueryTokenType.Not or QueryTokenType.Minus)) return ParsePrimary(state, depth);
        state.Lexer.Next();
        CheckDepth(depth + 1, token.Position);
        return new NotNode(ParseUnary(state, depth + 1));
    }

    private static QueryNode ParsePrimary(State state, int depth)
    {
        var token = state.Lexer.Next();
        switch (token.Type)
        {
            case QueryTokenType.LeftParen:
                CheckDepth(depth + 1, token.Position);
                var inner = ParseOr(state, depth + 1);
                var close = state.Lexer.Next();
                if (close.Type != QueryTokenType.RightParen)
                    throw QueryErrors.Expected("')'", close.Position, close.Describe());
                return inner;
            case QueryTokenType.Phrase:
                return CountTerm(state, token, ParsePhrase(token));
            case QueryTokenType.Word:
                return CountTerm(state, token, ParseWord(token));
            default:
                throw QueryErrors.Expected(SearchTerm, token.Position, token.Describe());
        }
    }

    private static QueryNode CountTerm(State state, QueryToken token, QueryNode node)
    {
        if (++state.Terms > MaxTerms)
            throw new QuerySyntaxException(
                $"query has more than {MaxTerms} terms: expected at most {MaxTerms} terms at position {token.Position}",
                token.Position, $"at most {MaxTerms} terms");
        return node;
    }

    private static void CheckDepth(int depth, int position)
    {
        if (depth > MaxDepth)
            throw new QuerySyntaxException(
                $"query nests too deeply: expected at most {MaxDepth} nested groups or NOTs at position {position}",
                position, $"at most {MaxDepth} nested groups or NOTs");
    }

    private static QueryNode ParsePhrase(QueryToken token)
    {
        var words = TextNormalizer.Tokenize(token.Text).Words;
        return words.Count switch
        {
            0 => throw QueryErrors.Expected("a word inside the quotes", token.Position + 1, token.Describe()),
            1 => new TermNode(words[0]),
            _ => new PhraseNode(words),
        };
    }

    private static QueryNode ParseWord(QueryToken token)
    {
        var text = token.Text;
        var colon = text.IndexOf(':');
        if (colon > 0 && IsAsciiLetters(text.AsSpan(0, colon))) return ParseField(token, colon);

        var prefix = text.EndsWith('*');
        var body = prefix ? text[..^1] : text;
        if (body.Contains('*'))
            throw QueryErrors.Expected("'*' only at the end of a word", token.Position + body.IndexOf('*'), token.Describe());

        var normalized = TextNormalizer.Normalize(body);
        var tokens = new List<TextToken>();
        var tokenizer = new TextTokenizer(normalized);
        while (tokenizer.MoveNext()) tokens.Add(tokenizer.Current);
        if (tokens.Count == 0)
            throw QueryErrors.Expected("a word, #hashtag or @handle", token.Position, token.Describe());

        if (tokens.Count > 1)
        {
            if (prefix)
                throw QueryErrors.Expected("'*' only after a single word", token.Position + text.Length - 1, token.Describe());
            return new PhraseNode(tokens.Select(t => normalized.Substring(t.Start, t.Length)).ToList());
        }

        var single = tokens[0];
        var word = normalized.Substring(single.Start, single.Length);
        if (prefix && single.Kind != TokenKind.Word)
            throw QueryErrors.Expected("'*' only after a plain word", token.Position + text.Length - 1, token.Describe());
        return single.Kind switch
        {
            TokenKind.Hashtag => new HashtagNode(word),
            TokenKind.Handle => new HandleNode(word),
            _ => new TermNode(word, prefix),
        };
    }

    private static QueryNode ParseField(QueryToken token, int colon)
    {
        var name = token.Text[..colon].ToLowerInvariant();
        if (!Fields.Contains(name))
            throw QueryErrors.Expected("a field name (lang:, from: or source:)", token.Position, "'" + token.Text[..(colon + 1)] + "'");
        var value = token.Text[(colon + 1)..].Trim();
        if (name == "from") value = value.TrimStart('@');
        if (value.Length == 0)
            throw QueryErrors.Expected($"a value after '{name}:'", token.Position + colon + 1, "'" + token.Text + "'");
        return new FieldNode(name, TextNormalizer.FieldValue(value));
    }

    private static bool IsAsciiLetters(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
            if (c is not ((>= 'a' and <= 'z') or (>= 'A' and <= 'Z'))) return false;
        return true;
    }
}
