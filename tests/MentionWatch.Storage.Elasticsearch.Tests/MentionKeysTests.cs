namespace MentionWatch.Storage.Elasticsearch.Tests;

public sealed class MentionKeysTests
{
    [Test]
    public void For_SamePost_GivesTheSameIdsOnEveryNodeAndRun()
    {
        // Fixed values: a process-specific hash (string.GetHashCode) would give other ids on another node.
        Assert.That(MentionKeys.For("x", "1789"), Is.EqualTo(("nlRB_XuHdi7hEiyOVW8PYg", 5570711090327790L)));
    }

    [Test]
    public void For_SameExternalIdFromAnotherSource_GivesOtherIds()
    {
        var x = MentionKeys.For("x", "42");
        var push = MentionKeys.For("push", "42");

        Assert.That(push.DocumentId, Is.Not.EqualTo(x.DocumentId));
        Assert.That(push.MentionId, Is.Not.EqualTo(x.MentionId));
    }

    [Test]
    public void For_SeparatorInsideTheValues_DoesNotCollide()
    {
        // "a" + "bc" and "ab" + "c" must differ: the separator is a NUL no source id contains.
        Assert.That(MentionKeys.For("a", "bc").DocumentId, Is.Not.EqualTo(MentionKeys.For("ab", "c").DocumentId));
    }

    [Test]
    public void For_ManyPosts_IdsArePositiveJsonSafeAndDistinct()
    {
        var keys = Enumerable.Range(0, 100_000).Select(i => MentionKeys.For("x", i.ToString())).ToList();

        Assert.That(keys.Select(k => k.MentionId), Is.All.InRange(1L, (1L << 53) - 1));
        Assert.That(keys.Select(k => k.MentionId).Distinct().Count(), Is.EqualTo(keys.Count));
        Assert.That(keys.Select(k => k.DocumentId.Length), Is.All.EqualTo(22));
    }
}
