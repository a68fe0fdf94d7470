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
    public void Extract_SameText_GivesSameBuckets() =>
        Assert.That(Buckets("Love the new update!"), Is.EqualTo(Buckets("Love the new update!")));

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
        Assert.That(encoded.Count(b => b < 0), Is.EqualTo(FeatureSpec.Counts(encoded).Char).And.GreaterThan(0));
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
}
