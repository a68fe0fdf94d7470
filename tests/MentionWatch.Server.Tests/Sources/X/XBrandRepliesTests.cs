using MentionWatch.Core.Domain;
using MentionWatch.Server.Sources.X;

namespace MentionWatch.Server.Tests.Sources.X;

[TestFixture]
public sealed class XBrandRepliesTests
{
    [Test]
    public void RepliesQuery_OwnHandles_AsksForTheirReplies()
    {
        Assert.That(XRecentSearchSource.RepliesQuery(new Watch("w", "acme", [], [])), Is.Null);
        Assert.That(XRecentSearchSource.RepliesQuery(new Watch("w", "acme", ["acme_help"], [])), Is.EqualTo("from:acme_help is:reply"));
        Assert.That(XRecentSearchSource.RepliesQuery(new Watch("w", "acme", ["acme_help", "acme"], [])),
            Is.EqualTo("(from:acme_help OR from:acme) is:reply"));
    }
}
