using MentionWatch.Core.Query;
using MentionWatch.Server.Sources.Kit.Query;
using MentionWatch.Server.Sources.X;

namespace MentionWatch.Server.Tests.Sources.X;

[TestFixture]
public sealed class XQueryTranslatorTests
{
    private static TermNode T(string term, bool prefix = false) => new(term, prefix);
    private static AndNode And(params QueryNode[] children) => new(children);
    private static OrNode Or(params QueryNode[] children) => new(children);
    private static NotNode Not(QueryNode child) => new(child);
    private static FieldNode F(string field, string value) => new(field, value);

    private static string Translated(QueryNode query)
    {
        var result = XQueryTranslator.Translate(query);
        Assert.That(result.Kind, Is.EqualTo(QueryTranslationKind.Translated), result.Reason);
        return result.Query!;
    }

    [Test]
    public void Translate_TermsPhrasesHashtagsHandlesAndFields_UsesXOperators()
    {
        var query = And(
            Or(T("acme"), new PhraseNode(["acme", "corp"]), new HashtagNode("acmefail"), new HandleNode("AcmeSupport")),
            Not(F("from", "AcmeCorp")),
            F("lang", "ru"));

        Assert.That(Translated(query), Is.EqualTo("(acme OR \"acme corp\" OR #acmefail OR @AcmeSupport) -from:AcmeCorp lang:ru"));
    }

    [Test]
    public void Translate_CyrillicWordsWithE_AlsoSendTheirYoSpellings()
    {
        // The query language folded "Брюбёрд" to "брюберд"; X matches letters as written.
        Assert.That(Translated(T("брюберд")), Is.EqualTo("брюберд OR брюбёрд"));
        Assert.That(Translated(And(T("брюберд"), Not(T("еда")))), Is.EqualTo("(брюберд OR брюбёрд) -еда -ёда"));
        Assert.That(Translated(Or(T("acme"), T("мед"))), Is.EqualTo("acme OR мед OR мёд"));
        Assert.That(Translated(new PhraseNode(["зеленый", "чай"])), Is.EqualTo("\"зеленый чай\" OR \"зёленый чай\" OR \"зелёный чай\""));
        Assert.That(Translated(T("acme")), Is.EqualTo("acme"), "Latin words go as written");
    }

    [Test]
    public void Translate_YoSpellingsTooLongForX_SendsTheWordsAsWritten()
    {
        // 30 words of 12 letters: 30 * 13 = 390 characters as written, about 3x that with the ё spellings.
        var words = Enumerable.Range(0, 30).Select(i => "бренд" + new string((char)('а' + i % 20), 7)).ToArray();
        var query = Or(words.Select(w => (QueryNode)T(w)).ToArray());
        Assert.That(Translated(query), Is.EqualTo(string.Join(" OR ", words)));
    }

    [Test]
    public void Translate_AndInsideOr_IsParenthesisedSoXGroupsItAsWritten()
    {
        Assert.That(Translated(Or(And(T("acme"), T("refund")), T("acmebank"))), Is.EqualTo("(acme refund) OR acmebank"));
    }

    [Test]
    public void Translate_NegatedOrGroup_IsRewrittenAsSingleNegations()
    {
        // X does not negate parenthesised groups: -(a OR b) becomes -a -b.
        Assert.That(Translated(And(T("acme"), Not(Or(T("job"), T("hiring"))))), Is.EqualTo("acme -job -hiring"));
    }

    [Test]
    public void Translate_NegatedAndGroup_IsNotExpressibleWithReason()
    {
        var result = XQueryTranslator.Translate(And(T("acme"), Not(And(T("job"), T("offer")))));

        Assert.That(result.Kind, Is.EqualTo(QueryTranslationKind.NotExpressible));
        Assert.That(result.Reason, Does.Contain("negate a group"));
    }

    [Test]
    public void Translate_TermsThatLookLikeOperators_AreQuoted()
    {
        Assert.That(Translated(And(T("acme"), T("or"), T("c++"))), Is.EqualTo("acme \"or\" \"c++\""));
    }

    [Test]
    public void Translate_CyrillicWordsWithoutE_PassThroughUnchanged()
    {
        Assert.That(Translated(Or(T("акма"), new PhraseNode(["акма", "банк"]))), Is.EqualTo("акма OR \"акма банк\""));
    }

    [Test]
    public void Translate_SourceXRestriction_IsDroppedFromTheXQuery()
    {
        Assert.That(Translated(And(T("acme"), F("source", "x"))), Is.EqualTo("acme"));
    }

    [Test]
    public void Translate_QueryRestrictedToAnotherSource_IsNotPolledOnX()
    {
        var result = XQueryTranslator.Translate(And(T("acme"), F("source", "demo")));

        Assert.That(result.Kind, Is.EqualTo(QueryTranslationKind.OtherSource));
        Assert.That(result.IsPollable, Is.False);
        Assert.That(result.Reason, Does.Contain("source:demo"));
    }

    [Test]
    public void Translate_OrOfSources_KeepsOnlyTheXBranch()
    {
        Assert.That(Translated(And(T("acme"), Or(F("source", "demo"), F("source", "x")))), Is.EqualTo("acme"));
        Assert.That(Translated(Or(And(T("acme"), F("source", "x")), And(T("acmebank"), F("source", "demo")))), Is.EqualTo("acme"));
    }

    [Test]
    public void Translate_NegatedOtherSource_IsAlwaysTrueOnX()
    {
        Assert.That(Translated(And(T("acme"), Not(F("source", "demo")))), Is.EqualTo("acme"));
    }

    [TestCase("prefix")]
    [TestCase("field")]
    [TestCase("onlyNegated")]
    [TestCase("onlyLang")]
    [TestCase("badHandle")]
    [TestCase("onlySourceX")]
    public void Translate_WhatXCannotExpress_IsNotExpressibleWithAClearReason(string @case)
    {
        var (query, expected) = @case switch
        {
            "prefix" => ((QueryNode)And(T("acme"), T("refund", prefix: true)), "prefix"),
            "field" => (And(T("acme"), F("sentiment", "negative")), "sentiment:"),
            "onlyNegated" => (Not(T("acme")), "at least one"),
            "onlyLang" => (F("lang", "en"), "at least one"),
            "badHandle" => (F("from", "not a handle!"), "valid X username"),
            _ => (F("source", "x"), "no search terms"),
        };

        var result = XQueryTranslator.Translate(query);

        Assert.That(result.Kind, Is.EqualTo(QueryTranslationKind.NotExpressible));
        Assert.That(result.Reason, Does.Contain(expected));
    }

    [Test]
    public void Translate_LongerThan512Characters_IsNotExpressibleNamingTheLength()
    {
        var terms = Enumerable.Range(0, 60).Select(i => (QueryNode)T($"brandname{i:000}")).ToArray();

        var result = XQueryTranslator.Translate(Or(terms));

        Assert.That(result.Kind, Is.EqualTo(QueryTranslationKind.NotExpressible));
        Assert.That(result.Reason, Does.Contain("at most 512"));
    }
}
