using MentionWatch.Core.Query;
using MentionWatch.Server.Sources.Kit.Query;

namespace MentionWatch.Server.Sources.X;

/// <summary>
/// Translates the MentionWatch query tree into X API v2 search operators. <c>source:</c> is resolved here (a
/// watch restricted to other sources is not polled); what X cannot express is refused with a reason.
/// </summary>
public static class XQueryTranslator
{
    /// <summary>Query length X accepts for recent search outside Enterprise access.</summary>
    public const int MaxQueryLength = 512;

    private static readonly IReadOnlySet<string> XSourceNames = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "x", "twitter" };

    public static QueryTranslation Translate(QueryNode query, int maxLength = MaxQueryLength)
    {
        ArgumentNullException.ThrowIfNull(query);
        var reduction = SourceFilter.Reduce(query, XSourceNames);
        if (reduction.Kind == SourceReductionKind.Never)
        {
            return QueryTranslation.OtherSource($"the query only matches {reduction.OtherSourcesText}");
        }

        if (reduction.Kind == SourceReductionKind.Always)
        {
            return QueryTranslation.NotExpressible("the query has no search terms besides source:x; X needs at least one term, phrase, #hashtag, @handle or from:");
        }

        var reduced = reduction.Query!;
        try
        {
            if (!HasPositiveStandalone(reduced))
            {
                return QueryTranslation.NotExpressible(
                    "X needs at least one term, phrase, #hashtag, @handle or from: that is not negated in every alternative (lang: and -term alone match too much)");
            }

            // ё spellings widen recall; when they do not fit X's length limit the words go as written.
            var withYo = Render(YoSpelling.Expand(reduced), parent: null);
            if (withYo.Length <= maxLength) return QueryTranslation.Translated(withYo);
            var text = Render(reduced, parent: null);
            return text.Length > maxLength
                ? QueryTranslation.NotExpressible($"the translated X query is {text.Length} characters; X accepts at most {maxLength}")
                : QueryTranslation.Translated(text);
        }
        catch (NotExpressibleException ex)
        {
            return QueryTranslation.NotExpressible(ex.Message);
        }
    }

    // X refuses queries made only of negations and conjunction-required operators such as lang:.
    private static bool HasPositiveStandalone(QueryNode node) => node switch
    {
        TermNode or PhraseNode or HashtagNode or HandleNode => true,
        FieldNode f => f.Field.Equals("from", StringComparison.OrdinalIgnoreCase),
        AndNode a => a.Children.Any(HasPositiveStandalone),
        OrNode o => o.Children.All(HasPositiveStandalone),
        _ => false,
    };

    private static string Render(QueryNode node, QueryNode? parent) => node switch
    {
        TermNode t => RenderTerm(t),
        PhraseNode p => RenderPhrase(p),
        HashtagNode h => "#" + Word(h.Tag.TrimStart('#'), "#hashtag"),
        HandleNode h => "@" + Handle(h.Handle, "@handle"),
        FieldNode f => RenderField(f),
        AndNode a => Group(string.Join(' ', a.Children.Select(c => Render(c, a))), parent is OrNode),
        OrNode o => Group(string.Join(" OR ", o.Children.Select(c => Render(c, o))), parent is not null),
        NotNode n => RenderNot(n, parent),
        _ => throw new NotExpressibleException($"query node {node.GetType().Name} has no X equivalent"),
    };

    private static string RenderNot(NotNode not, QueryNode? parent) => not.Child switch
    {
        NotNode inner => Render(inner.Child, parent),
        // X does not negate parenthesised groups; -(a OR b) is the same as -a -b.
        OrNode or => Group(string.Join(' ', or.Children.Select(c => Render(new NotNode(c), null))), parent is OrNode),
        AndNode => throw new NotExpressibleException("X cannot negate a group of terms joined by AND, e.g. NOT (a b); negate single terms instead"),
        var child => "-" + Render(child, not),
    };

    private static string Group(string text, bool parenthesise) => parenthesise ? "(" + text + ")" : text;

    private static string RenderTerm(TermNode term)
    {
        if (term.Prefix)
        {
            throw new NotExpressibleException($"X search has no prefix matching: '{term.Term}*'");
        }

        var word = Word(term.Term, "term");
        // Bare words with punctuation or the OR/AND keywords would be read as operators: quote them.
        var plain = word.All(ch => char.IsLetterOrDigit(ch) || ch == '_')
            && !word.Equals("or", StringComparison.OrdinalIgnoreCase)
            && !word.Equals("and", StringComparison.OrdinalIgnoreCase);
        return plain ? word : "\"" + word + "\"";
    }

    private static string RenderPhrase(PhraseNode phrase)
    {
        if (phrase.Terms.Count == 0)
        {
            throw new NotExpressibleException("an empty \"phrase\" has no X equivalent");
        }

        return "\"" + string.Join(' ', phrase.Terms.Select(t => Word(t, "phrase word"))) + "\"";
    }

    private static string RenderField(FieldNode field) => field.Field.ToLowerInvariant() switch
    {
        "from" => "from:" + Handle(field.Value, "from:"),
        "lang" when field.Value.Length is >= 2 and <= 8 && field.Value.All(ch => char.IsAsciiLetter(ch) || ch == '-')
            => "lang:" + field.Value.ToLowerInvariant(),
        "lang" => throw new NotExpressibleException($"lang:{field.Value} is not a language code X knows (e.g. lang:en, lang:ru)"),
        _ => throw new NotExpressibleException($"the field {field.Field}: has no X search operator"),
    };

    private static string Word(string text, string what)
    {
        if (string.IsNullOrWhiteSpace(text) || text.Any(ch => ch == '"' || char.IsWhiteSpace(ch) || char.IsControl(ch)))
        {
            throw new NotExpressibleException($"the {what} '{text}' cannot be written as an X search word");
        }

        return text;
    }

    private static string Handle(string handle, string what)
    {
        var trimmed = handle.TrimStart('@');
        if (trimmed.Length is 0 or > 15 || !trimmed.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
        {
            throw new NotExpressibleException($"the {what} '{handle}' is not a valid X username (1-15 letters, digits or _)");
        }

        return trimmed;
    }

    private sealed class NotExpressibleException(string message) : Exception(message);
}
