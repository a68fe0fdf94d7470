using MentionWatch.Core.Query;

namespace MentionWatch.Core.Tests.Query;

public sealed class QueryParserTests
{
    private static TermNode T(string term, bool prefix = false) => new(term, prefix);
    private static AndNode And(params QueryNode[] children) => new(children);
    private static OrNode Or(params QueryNode[] children) => new(children);

    [Test]
    public void Parse_SingleWord_IsNormalizedTerm() =>
        Assert.That(QueryParser.Parse("  ЁЛКА "), Is.EqualTo(T("елка")));

    [Test]
    public void Parse_AdjacentWords_AreImplicitAnd() =>
        Assert.That(QueryParser.Parse("acme kettle"), Is.EqualTo(And(T("acme"), T("kettle"))));

    [Test]
    public void Parse_ExplicitAnd_SameAsImplicit() =>
        Assert.That(QueryParser.Parse("acme AND kettle"), Is.EqualTo(QueryParser.Parse("acme kettle")));

    [Test]
    public void Parse_Or_BindsLooserThanAnd() =>
        Assert.That(QueryParser.Parse("a b OR c"), Is.EqualTo(Or(And(T("a"), T("b")), T("c"))));

    [Test]
    public void Parse_Parentheses_GroupOr() =>
        Assert.That(QueryParser.Parse("acme (чайник OR kettle)"), Is.EqualTo(And(T("acme"), Or(T("чайник"), T("kettle")))));

    [Test]
    public void Parse_NotAndMinus_Negate() =>
        Assert.That(QueryParser.Parse("acme -spam NOT (buy OR sale)"),
            Is.EqualTo(And(T("acme"), new NotNode(T("spam")), new NotNode(Or(T("buy"), T("sale"))))));

    [Test]
    public void Parse_LowerCaseOperators_AreWords() =>
        Assert.That(QueryParser.Parse("this or that"), Is.EqualTo(And(T("this"), T("or"), T("that"))));

    [Test]
    public void Parse_QuotedPhrase_IsPhraseOfNormalizedWords() =>
        Assert.That(QueryParser.Parse("\"Служба   ПОДДЕРЖКИ, ёжик\""), Is.EqualTo(new PhraseNode(["служба", "поддержки", "ежик"])));

    [Test]
    public void Parse_QuotedSingleWord_IsTerm() =>
        Assert.That(QueryParser.Parse("\"acme\""), Is.EqualTo(T("acme")));

    [Test]
    public void Parse_HyphenatedWord_IsPhrase() =>
        Assert.That(QueryParser.Parse("e-mail"), Is.EqualTo(new PhraseNode(["e", "mail"])));

    [Test]
    public void Parse_TrailingStar_IsPrefix() =>
        Assert.That(QueryParser.Parse("Чайн*"), Is.EqualTo(T("чайн", prefix: true)));

    [Test]
    public void Parse_HashtagAndHandle_AreTheirOwnNodes() =>
        Assert.That(QueryParser.Parse("#Acme @Acme_Support"), Is.EqualTo(And(new HashtagNode("acme"), new HandleNode("acme_support"))));

    [TestCase("lang:EN", "lang", "en")]
    [TestCase("from:@AcmeCorp", "from", "acmecorp")]
    [TestCase("FROM:acme", "from", "acme")]
    [TestCase("source:x", "source", "x")]
    [TestCase("lang:pt-BR", "lang", "pt_br")]
    public void Parse_Field_IsFieldNodeWithFoldedValue(string query, string field, string value) =>
        Assert.That(QueryParser.Parse(query), Is.EqualTo(new FieldNode(field, value)));

    [TestCase("acme (kettle OR \"support team\") -spam #brand @acme lang:en from:bob source:x pre*")]
    [TestCase("NOT (a OR b) c")]
    public void Parse_CanonicalText_ParsesBackToSameTree(string query)
    {
        var tree = QueryParser.Parse(query);

        Assert.That(QueryParser.Parse(tree.ToString()!), Is.EqualTo(tree));
    }

    [TestCase("", 0, "a search term")]
    [TestCase("   ", 3, "a search term")]
    [TestCase("(acme kettle", 12, "')'")]
    [TestCase("acme (kettle OR", 15, "a search term")]
    [TestCase("acme kettle)", 11, "end of query (unbalanced ')')")]
    [TestCase("()", 1, "a search term")]
    [TestCase("OR acme", 0, "a search term")]
    [TestCase("acme OR", 7, "a search term")]
    [TestCase("acme AND OR b", 9, "a search term")]
    [TestCase("acme NOT", 8, "a search term")]
    [TestCase("acme -", 6, "a search term after '-'")]
    [TestCase("\"support team", 13, "'\"' to close the phrase")]
    [TestCase("\" , \"", 1, "a word inside the quotes")]
    [TestCase("lang:", 5, "a value after 'lang:'")]
    [TestCase("colour:red", 0, "a field name (lang:, from: or source:)")]
    [TestCase("acme !!!", 5, "a word, #hashtag or @handle")]
    [TestCase("#", 0, "a word, #hashtag or @handle")]
    [TestCase("ac*me", 2, "'*' only at the end of a word")]
    [TestCase("e-mail*", 6, "'*' only after a single word")]
    [TestCase("#acme*", 5, "'*' only after a plain word")]
    public void Parse_InvalidQuery_ThrowsWithPositionAndExpectation(string query, int position, string expected)
    {
        var error = Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse(query))!;

        Assert.That(error.Position, Is.EqualTo(position));
        Assert.That(error.Expected, Is.EqualTo(expected));
        Assert.That(error.Message, Does.Contain($"expected {expected} at position {position}"));
    }

    [Test]
    public void Parse_TooLong_ThrowsNamingTheLimit()
    {
        var error = Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse(new string('a', QueryParser.MaxLength + 1)))!;

        Assert.That(error.Position, Is.EqualTo(QueryParser.MaxLength));
        Assert.That(error.Message, Does.Contain($"at most {QueryParser.MaxLength} characters"));
    }

    [Test]
    public void Parse_TooDeeplyNested_ThrowsAtTheGroupOverTheLimit()
    {
        var depth = QueryParser.MaxDepth + 1;
        var query = new string('(', depth) + "a" + new string(')', depth);

        var error = Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse(query))!;

        Assert.That(error.Position, Is.EqualTo(QueryParser.MaxDepth));
        Assert.That(error.Expected, Does.Contain("nested"));
    }

    [Test]
    public void Parse_NestedToTheLimit_Parses()
    {
        var query = new string('(', QueryParser.MaxDepth) + "a" + new string(')', QueryParser.MaxDepth);

        Assert.That(QueryParser.Parse(query), Is.EqualTo(T("a")));
    }

    [Test]
    public void Parse_TooManyTerms_ThrowsAtTheFirstTermOverTheLimit()
    {
        var query = string.Join(' ', Enumerable.Range(0, QueryParser.MaxTerms + 1).Select(i => "w" + i));

        var error = Assert.Throws<QuerySyntaxException>(() => QueryParser.Parse(query))!;

        Assert.That(error.Expected, Is.EqualTo($"at most {QueryParser.MaxTerms} terms"));
        Assert.That(query[error.Position..], Does.StartWith("w" + QueryParser.MaxTerms));
    }
}
