using MentionWatch.Classification.Features;
using MentionWatch.Classification.Model;
using MentionWatch.Classification.Text;

namespace MentionWatch.Classification.Tests.Features;

public sealed class FeaturizerTests
{
    private static readonly FeatureSpec Spec = FeatureSpec.Default;

    private static int[] Buckets(string text, FeatureSpec? spec = null)
    {
        var buffer = new int[FeatureBuffers.Capacity];
        int n = FeatureBuffers.Featurize(text, spec ?? Spec, new TokenBuffer(), buffer);
        return buffer[..n];
    }

    [Test]
    public void Extract_SameText_GivesSameBuckets()
    {
        // The shipped model files depend on it: two extractions of one text give the same buckets in the same order.
        var first = Buckets("Love the new update!");
        var second = Buckets("Love the new update!");
        Assert.That(first, Is.Not.Empty);
        Assert.That(second, Is.EqualTo(first));
    }

    [Test]
    public void Extract_OneWord_HasUnigramBigramsAndCharNgrams()
    {
        var names = Explainer.NamedFeatures(Spec, "good").Features.Select(f => f.Name).ToList();
        // "<good>" has 6 characters: n-grams of length 2..4 = 5 + 4 + 3.
        Assert.That(names.Count(n => n.StartsWith("c:")), Is.EqualTo(5 + 4 + 3));
        Assert.That(names, Does.Contain("w:good").And.Contain("b:<s> good").And.Contain("b:good </s>").And.Contain("c:<go").And.Contain("c:od>"));
    }

    [Test]
    public void Extract_NegatedWord_IsADifferentFeature()
    {
        var names = Explainer.NamedFeatures(Spec, "not good").Features.Select(f => f.Name).ToList();
        Assert.That(names, Does.Contain("w:NOT_good").And.Not.Contain("w:good"));
        Assert.That(Buckets("not good"), Is.Not.EqualTo(Buckets("not, good")));
    }

    [Test]
    public void NamedFeatures_MatchHotPathBucketsInOrder()
    {
        const string text = "@bank why was I charged twice?? sooo annoying :( https://x.co/1 не работает 😡";
        var named = Explainer.NamedFeatures(Spec, text).Features.Select(f => f.Bucket).ToArray();
        Assert.That(named, Is.EqualTo(Buckets(text)));
    }

    [Test]
    public void Extract_AllBucketsWithinTable()
    {
        var spec = Spec with { HashBits = 12 };
        var encoded = Buckets("Ünïcödé tëxt, числа 123 and emoji 🎉🎉", spec);
        var buckets = encoded.Select(b => b >= 0 ? b : ~b).ToArray();
        Assert.That(buckets, Is.Not.Empty.And.All.InRange(0, spec.Buckets - 1));
        Assert.That(encoded.Count(b => b < 0), Is.EqualTo(spec.Counts(encoded).Char).And.GreaterThan(0));
    }

    [Test]
    public void Extract_SpecializedTwoToFourLoop_MatchesGenericLoop()
    {
        const string text = "sooo good, don't wait: ОЧЕНЬ круто l'été 😀";
        int[] CharBuckets(FeatureSpec spec) => Buckets(text, spec).Where(b => b < 0).Order().ToArray();
        var generic = CharBuckets(Spec with { CharNgramMin = 2, CharNgramMax = 3 })
            .Concat(CharBuckets(Spec with { CharNgramMin = 4, CharNgramMax = 4 })).Order().ToArray();
        Assert.That(CharBuckets(Spec), Is.EqualTo(generic));
    }

    [Test]
    public void Extract_Handles_NameEachAccountBesideTheSharedUserToken()
    {
        var spec = Spec with { Handles = true };
        var names = Explainer.NamedFeatures(spec, "@Beeline_RUS нет связи @friend").Features.Select(f => f.Name).ToList();
        Assert.That(names, Does.Contain("h:@beeline_rus").And.Contain("h:@friend"));
        Assert.That(names.Count(n => n == "w:<user>"), Is.EqualTo(2), "both handles still share the generic <user> unigram");
        Assert.That(Explainer.NamedFeatures(Spec, "@Beeline_RUS нет связи").Features.Select(f => f.Name), Has.None.StartWith("h:"));
        Assert.That(Buckets("@bank help", spec), Is.Not.EqualTo(Buckets("@friend help", spec)));
        Assert.That(Buckets("@bank help"), Is.EqualTo(Buckets("@friend help")), "without handles the account name is not a feature");
    }

    [Test]
    public void Decode_SpecWithoutHandles_SkipsHandleFeaturesOfASharedList()
    {
        var withHandles = Spec with { Handles = true };
        var shared = Buckets("@bank my card is blocked", withHandles);
        var own = Buckets("@bank my card is blocked");
        var flagged = shared.Where(e => e >= 0 && (e & FeatureSpec.HandleFlag) != 0).ToArray();
        Assert.That(flagged, Has.Length.EqualTo(1));
        Assert.That(Spec.Decode(flagged[0], out _, out _), Is.False);
        Assert.That(withHandles.Decode(flagged[0], out int bucket, out bool isChar) && !isChar, Is.True);
        Assert.That(bucket, Is.InRange(0, Spec.Buckets - 1));
        Assert.That(Spec.Counts(shared), Is.EqualTo(Spec.Counts(own)), "a model without handles counts exactly its own features");
        Assert.That(withHandles.Counts(shared).Word, Is.EqualTo(Spec.Counts(own).Word + 1));
    }

    [Test]
    public void Extract_HugeText_StopsAtCapacity()
    {
        var text = string.Concat(Enumerable.Repeat("abcdefghij ", 10_000));
        Assert.That(Buckets(text), Has.Length.LessThanOrEqualTo(FeatureBuffers.Capacity));
    }

    [Test]
    public void Problems_InvalidSpec_ListsEveryProblem()
    {
        var problems = new FeatureSpec(40, 5, 2, true, true, 99).Problems();
        Assert.That(problems, Has.Count.EqualTo(3));
    }

    [Test]
    public void Extract_RussianStems_InflectedFormsShareAStemFeature()
    {
        var spec = Spec with { RussianStems = true };
        var a = Buckets("кредиты", spec).Except(Buckets("кредиты")).ToArray();
        var b = Buckets("кредитом", spec).Except(Buckets("кредитом")).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(a, Has.Length.EqualTo(1));
            Assert.That(b, Is.EqualTo(a));
            Assert.That(Buckets("credits", spec), Is.EqualTo(Buckets("credits")), "no stems for Latin words");
            Assert.That(Explainer.NamedFeatures(spec, "кредитом").Features.Select(f => f.Name), Has.Member("s:кредит"));
        });
    }

    [Test]
    public void Extract_Lexicon_PolarWordsShareAClassFeature()
    {
        var spec = Spec with { Lexicon = true };
        var awesome = Buckets("awesome", spec).Except(Buckets("awesome")).ToArray();
        var wonderful = Buckets("wonderful", spec).Except(Buckets("wonderful")).ToArray();
        var awful = Buckets("awful", spec).Except(Buckets("awful")).ToArray();
        var notAwesome = Buckets("not awesome", spec).Except(Buckets("not awesome")).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(awesome, Has.Length.EqualTo(1));
            Assert.That(wonderful, Is.EqualTo(awesome), "two strong positive words, one class feature");
            Assert.That(awful, Has.Length.EqualTo(1).And.Not.EqualTo(awesome));
            Assert.That(notAwesome, Has.Length.EqualTo(1).And.Not.EqualTo(awesome), "negated praise is its own class");
            Assert.That(Buckets("the table", spec), Is.EqualTo(Buckets("the table")), "no feature for words outside the lexicon");
            Assert.That(Buckets(":D", spec).Except(Buckets(":D")).ToArray(), Has.Length.EqualTo(1), "emoticons are in the lexicon too");
            Assert.That(Explainer.NamedFeatures(spec, "awesome").Features.Select(f => f.Name), Has.Member("lex:awesome"));
        });
    }
}
