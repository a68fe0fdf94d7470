using MentionWatch.Core.Domain;
using MentionWatch.Server.Alerting.Rules;
using MentionWatch.Server.Tests.Alerting.Rules.Support;
using FakeClock = Microsoft.Extensions.Time.Testing.FakeTimeProvider;

namespace MentionWatch.Server.Tests.Alerting.Rules;

public sealed class MentionAlertRuleTests
{
    private static readonly DateTimeOffset Now = SomeMention.Monday.AddHours(12);

    private static List<AlertSignal> Feed(AlertRuleDefinition definition, Mention mention)
    {
        var type = new MentionAlertRuleType();
        Assert.That(type.Validate(definition), Is.Empty, "the definition under test is valid");
        var rule = type.Create("support", definition, new FakeClock(Now));
        var signals = new List<AlertSignal>();
        rule.OnMention(mention, signals);
        return signals;
    }

    private static bool Fires(AlertRuleDefinition definition, Mention mention) => Feed(definition, mention).Count == 1;

    private static Mention At(Func<DateTimeOffset, Mention> make) => make(Now.AddMinutes(-5));

    [Test]
    public void OnMention_NamedWatch_FiresOnlyForThatWatchIgnoringCase()
    {
        var definition = new AlertRuleDefinition { Type = "mention", Watch = "Voltik" };
        Assert.That(Fires(definition, At(t => SomeMention.About("voltik", t))), Is.True);
        Assert.That(Fires(definition, At(t => SomeMention.About("zapp", t))), Is.False);
    }

    [Test]
    public void OnMention_NoWatchNamed_FiresForAnyMatchedMentionOnly()
    {
        var definition = new AlertRuleDefinition { Type = "mention" };
        Assert.That(Fires(definition, At(t => SomeMention.About("zapp", t))), Is.True);
        Assert.That(Fires(definition, At(t => SomeMention.About(at: t, watches: []))), Is.False);
    }

    [Test]
    public void OnMention_NeedsReply_FiresOnlyWhenTheModelSaysSo()
    {
        var definition = new AlertRuleDefinition { NeedsReply = true };
        Assert.That(Fires(definition, At(t => SomeMention.About(at: t, needsReply: true))), Is.True);
        Assert.That(Fires(definition, At(t => SomeMention.About(at: t, needsReply: false))), Is.False);
    }

    [Test]
    public void OnMention_Sentiment_ComparesTheLabelIgnoringCase()
    {
        var definition = new AlertRuleDefinition { Sentiment = "Negative" };
        Assert.That(Fires(definition, At(t => SomeMention.About(at: t, sentiment: "negative"))), Is.True);
        Assert.That(Fires(definition, At(t => SomeMention.About(at: t, sentiment: "neutral"))), Is.False);
    }

    [TestCase(0.7f, true)]
    [TestCase(0.69f, false)]
    public void OnMention_MinNegativeProbability_IsInclusive(float negative, bool fires) =>
        Assert.That(Fires(new AlertRuleDefinition { MinNegativeProbability = 0.7 }, At(t => SomeMention.About(at: t, negative: negative))), Is.EqualTo(fires));

    [TestCase(0.8f, true)]
    [TestCase(0.79f, false)]
    public void OnMention_MinNeedsReplyProbability_IsInclusive(float probability, bool fires) =>
        Assert.That(Fires(new AlertRuleDefinition { MinNeedsReplyProbability = 0.8 }, At(t => SomeMention.About(at: t, needsReplyProbability: probability))), Is.EqualTo(fires));

    [TestCase("my scooter is broken", true)]
    [TestCase("my scooter is fine", false)]
    public void OnMention_Query_MatchesThePostText(string text, bool fires) =>
        Assert.That(Fires(new AlertRuleDefinition { Query = "scooter AND (broken OR broke*) -refund" }, At(t => SomeMention.About(at: t, text: text))), Is.EqualTo(fires));

    [TestCase("en", true)]
    [TestCase("de", false)]
    public void OnMention_Lang_ComparesTheDetectedLanguage(string lang, bool fires) =>
        Assert.That(Fires(new AlertRuleDefinition { Lang = "EN" }, At(t => SomeMention.About(at: t, lang: lang))), Is.EqualTo(fires));

    [TestCase("x", true)]
    [TestCase("rss", false)]
    public void OnMention_Source_ComparesThePostSource(string source, bool fires) =>
        Assert.That(Fires(new AlertRuleDefinition { Source = "x" }, At(t => SomeMention.About(at: t, source: source))), Is.EqualTo(fires));

    [TestCase(10_000L, true)]
    [TestCase(9_999L, false)]
    [TestCase(null, false)]
    public void OnMention_MinFollowers_NeedsKnownFollowersAtLeastTheMinimum(long? followers, bool fires) =>
        Assert.That(Fires(new AlertRuleDefinition { MinFollowers = 10_000 }, At(t => SomeMention.About(at: t, followers: followers))), Is.EqualTo(fires));

    [Test]
    public void OnMention_BrandsOwnPost_NeverFires() =>
        Assert.That(Fires(new AlertRuleDefinition(), At(t => SomeMention.About(at: t, brandPostOf: ["voltik"]))), Is.False);

    [TestCase(-60 * 24 * 7, false)] // a backfill of last week
    [TestCase(-61, false)]
    [TestCase(-59, true)]
    [TestCase(60, true)] // an hour ahead: source clock skew, counted as now
    public void OnMention_PostAge_OldPostsNeverFire(int minutesFromNow, bool fires) =>
        Assert.That(Fires(new AlertRuleDefinition { MaxPostAgeMinutes = 60 }, SomeMention.About(at: Now.AddMinutes(minutesFromNow))), Is.EqualTo(fires));

    [TestCase("none", "mention:77")]
    [TestCase("watch", "voltik")]
    [TestCase("author", "x:someone")]
    [TestCase("conversation", "x:thread-1")]
    public void OnMention_GroupBy_NamesTheGroup(string groupBy, string expected)
    {
        var mention = At(t => SomeMention.About("Voltik", t, handle: "SomeOne", inReplyTo: "thread-1", id: 77));
        Assert.That(Feed(new AlertRuleDefinition { GroupBy = groupBy }, mention).Single().GroupKey, Is.EqualTo(expected));
    }

    [Test]
    public void OnMention_ConversationStart_GroupsByItsOwnId()
    {
        var mention = At(t => SomeMention.About(at: t));
        Assert.That(Feed(new AlertRuleDefinition { GroupBy = "conversation" }, mention).Single().GroupKey, Is.EqualTo("x:" + mention.Post.ExternalId));
    }

    [Test]
    public void OnMention_Fires_WithReadableTitleAndTheRulesWatch()
    {
        var mention = At(t => SomeMention.About(at: t, handle: "ann", needsReply: true, watches: ["zapp", "voltik"], text: new string('a', 400)));
        var signal = Feed(new AlertRuleDefinition { Watches = ["Voltik"] }, mention).Single();
        Assert.Multiple(() =>
        {
            Assert.That(signal.Kind, Is.EqualTo(AlertSignalKind.Fire));
            Assert.That(signal.Watch, Is.EqualTo("voltik"));
            Assert.That(signal.Title, Is.EqualTo("Needs reply: @ann on x about voltik"));
            Assert.That(signal.Summary, Has.Length.EqualTo(280).And.EndsWith("…"));
            Assert.That(signal.Mention, Is.SameAs(mention));
        });
    }

    [Test]
    public void Validate_BadQuery_IsAProblemNamingThePosition()
    {
        var problems = new MentionAlertRuleType().Validate(new AlertRuleDefinition { Query = "voltik AND (broken" }).ToList();
        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0].Field, Is.EqualTo("Query"));
        Assert.That(problems[0].Message, Does.Contain("position 18").And.Contain("')'"));
    }

    [Test]
    public void Validate_EveryInvalidField_IsListedAtOnce()
    {
        var definition = new AlertRuleDefinition
        {
            Sentiment = "angry", MinNegativeProbability = 1.5, MinNeedsReplyProbability = -0.1, Query = "(",
            Lang = "english", MinFollowers = -1, MaxPostAgeMinutes = 0,
        };
        var fields = new MentionAlertRuleType().Validate(definition).Select(p => p.Field);
        Assert.That(fields, Is.EquivalentTo(new[]
        {
            "Sentiment", "MinNegativeProbability", "MinNeedsReplyProbability", "Query", "Lang", "MinFollowers", "MaxPostAgeMinutes",
        }));
    }
}
