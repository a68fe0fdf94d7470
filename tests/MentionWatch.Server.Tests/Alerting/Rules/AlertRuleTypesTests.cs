using MentionWatch.Server.Alerting.Rules;

namespace MentionWatch.Server.Tests.Alerting.Rules;

public sealed class AlertRuleTypesTests
{
    private static AlertRuleTypes Resolve() =>
        new ServiceCollection().AddAlertRuleTypes().AddAlertRuleTypes().BuildServiceProvider().GetRequiredService<AlertRuleTypes>();

    [Test]
    public void AddAlertRuleTypes_CalledTwice_RegistersEachTypeOnce() =>
        Assert.That(Resolve().Names, Is.EqualTo(new[] { "flatline", "mention", "sla", "spike" }));

    [TestCase("mention", typeof(MentionAlertRuleType))]
    [TestCase("Spike", typeof(SpikeAlertRuleType))]
    [TestCase(" FLATLINE ", typeof(FlatlineAlertRuleType))]
    public void TryGet_KnownNameInAnyCase_FindsTheType(string name, Type expected)
    {
        Assert.That(Resolve().TryGet(name, out var type), Is.True);
        Assert.That(type, Is.TypeOf(expected));
    }

    [Test]
    public void TryGet_UnknownName_ReturnsFalse() => Assert.That(Resolve().TryGet("threshold", out _), Is.False);
}
