using MentionWatch.Core.Domain;
using MentionWatch.Core.Watches;

namespace MentionWatch.Core.Tests.Watches;

[TestFixture]
public sealed class WatchValidationTests
{
    [Test]
    public void Validate_SoundDraft_TrimsAndDeduplicates()
    {
        var (watch, problems) = WatchValidation.Validate(new WatchDraft(" acme ", " acme OR \"acme app\" ", ["@Acme", "acme", " help "], ["globex", "Globex"],
            new WatchNoise { BlockedAuthors = ["@Bot", "bot"], BlockedDomains = ["Deals.Example"] }));

        Assert.That(problems, Is.Empty);
        Assert.That(watch!.Name, Is.EqualTo("acme"));
        Assert.That(watch.Query, Is.EqualTo("acme OR \"acme app\""));
        Assert.That(watch.OwnHandles, Is.EqualTo(new[] { "Acme", "help" }));
        Assert.That(watch.Competitors, Is.EqualTo(new[] { "globex" }));
        Assert.That(watch.Noise!.BlockedAuthors, Is.EqualTo(new[] { "Bot" }));
        Assert.That(watch.Noise.BlockedDomains, Is.EqualTo(new[] { "deals.example" }));
    }

    [Test]
    public void Validate_EveryPlainMistake_IsListedByField()
    {
        var (watch, problems) = WatchValidation.Validate(new WatchDraft("bad name!", "", ["with space"], ["bad name!"],
            new WatchNoise { MaxSpamScore = 2, DuplicateWindowMinutes = -1, BlockedDomains = ["not a domain"] }), routeName: "other");

        Assert.That(watch, Is.Null);
        Assert.That(problems.Select(p => p.Field), Is.EquivalentTo(new[]
        {
            "name", "name", "query", "ownHandles", "competitors", "competitors", "noise.duplicateWindowMinutes", "noise.maxSpamScore", "noise.blockedDomains",
        }));
    }

    [Test]
    public void Validate_BadQuery_CarriesTheParserErrorWithItsPosition()
    {
        var (watch, problems) = WatchValidation.Validate(new WatchDraft("acme", "(acme OR globex"));

        Assert.That(watch, Is.Null);
        var problem = problems.Single();
        Assert.That(problem.Field, Is.EqualTo("query"));
        Assert.That(problem.QueryError!.Position, Is.EqualTo(15));
    }

    [Test]
    public void Validate_NoiseThatDropsNothing_IsNoNoise()
    {
        var (watch, _) = WatchValidation.Validate(new WatchDraft("acme", "acme", Noise: new WatchNoise()));

        Assert.That(watch!.Noise, Is.Null);
    }
}
