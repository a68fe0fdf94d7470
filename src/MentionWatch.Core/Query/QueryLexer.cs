namespace MentionWatch.Core.Query;

internal enum QueryTokenType { End, LeftParen, RightParen, Or, And, Not, Minus, Phrase, Word }

/// <summary>One lexical unit of a query; <see cref="Text"/> is the raw text (a phrase without its quotes).</summary>
internal readonly record struct QueryToken(QueryTokenType Type, int Position, string Text)
{
    public string Describe() => Type switch
    {
        QueryTokenType.End => "end of query",
        QueryTokenType.Phrase => "\"" + Text + "\"",
        _ => "'" + Text + "'",
    };
}

/// <summary>Splits query text into parentheses, operators, quoted phrases and bare words.</summary>
internal sealed class QueryLexer(string text)
{
    private int _position;
    private QueryToken? _peeked;

    public QueryToken Peek() => _peeked ??= Read();

    public QueryToken Next()
    {
        var token = Peek();
        _peeked = null;
        return token;
    }

    private QueryToken Read()
    {
        while (_position < text.Length && char.IsWhiteSpace(text[_position])) _position++;
        if (_position >= text.Length) return new QueryToken(QueryTokenType.End, text.Length, "");

        var start = _position;
        switch (text[start])
        {
            case '(':
                _position++;
                return new QueryToken(QueryTokenType.LeftParen, start, "(");
            case ')':
                _position++;
                return new QueryToken(QueryTokenType.RightParen, start, ")");
            case '"':
                var close = text.IndexOf('"', start + 1);
                if (close < 0)
                    throw QueryErrors.Expected("'\"' to close the phrase", text.Length, "end of query");
                _position = close + 1;
                return new QueryToken(QueryTokenType.Phrase, start, text[(start + 1)..close]);
            case '-':
                _position++;
                if (_position >= text.Length || char.IsWhiteSpace(text[_position]) || text[_position] == ')')
                    throw QueryErrors.Expected("a search term after '-'", _position, Describe(_position));
                return new QueryToken(QueryTokenType.Minus, start, "-");
        }

        while (_position < text.Length && !char.IsWhiteSpace(text[_position]) && text[_position] is not ('(' or ')' or '"'))
            _position++;
        var word = text[start.._position];
        var type = word switch
        {
            "OR" => QueryTokenType.Or,
            "AND" => QueryTokenType.And,
            "NOT" => QueryTokenType.Not,
            _ => QueryTokenType.Word,
        };
        return new QueryToken(type, start, word);
    }

    private string Describe(int position) =>
        position >= text.Length ? "end of query" : "'" + text[position] + "'";
}

internal static class QueryErrors
{
    public static QuerySyntaxException Expected(string expected, int position, string found) =>
        new($"expected {expected} at position {position}, found {found}", position, expected);
}
