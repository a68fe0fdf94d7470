using MentionWatch.Server.Alerting.Rules;
using MentionWatch.Server.Tests.Alerting.Rules.Support;
using FakeClock = Microsoft.Extensions.Time.Testing.FakeTimeProvider;

namespace MentionWatch.Server.Tests.Alerting.Rules;

public sealed class SpikeAlertRuleTests
{
    private static readonly DateTimeOffset Start = SomeMention.Monday;
    // Week five, Tuesday 13:00-15:00: a busy weekday afternoon, the hardest time to stand out.
    private static readonly DateTimeOffset BurstStart = Start.AddDays(29).AddHours(13);
    private static readonly DateTimeOffset BurstEnd = BurstStart.AddHours(2);

    private static AlertRuleDefinition Definition() => new() { Type = "spike", Watch = "Voltik", Metric = "negative" };

    /// <summary>
    /// Feeds one minute of negative mentions (and a neutral one that must not count) before each tick, from
    /// <paramref name="from"/> to <paramref name="to"/>, recording each post in <paramref name="history"/>.
    /// </summary>
    private static List<(DateTimeOffset At, AlertSignal Signal)> Run(
        IAlertRule rule, SyntheticTraffic traffic, DateTimeOffset from, DateTimeOffset to, InMemoryAlertHistory? history = null, double burst = 5)
    {
        var signals = new List<AlertSignal>();
        var log = new List<(DateTimeOffset, AlertSignal)>();
        for (var now = from + TimeSpan.FromMinutes(1); now <= to; now += TimeSpan.FromMinutes(1))
        {
            var minute = now - TimeSpan.FromMinutes(1);
            var factor = minute >= BurstStart && minute < BurstEnd ? burst : 1;
            var count = traffic.Poisson(traffic.RatePerHour(minute) * factor / 60);
            if (count > 0)
            {
                var posted = minute.AddSeconds(traffic.Second());
                var mention = SomeMention.Negative("voltik", posted, seenAt: now);
                for (var i = 0; i < count; i++) rule.OnMention(mention, signals);
                history?.Record(mention, count);
            }
            rule.OnMention(SomeMention.About("voltik", minute, seenAt: now), signals);
            rule.OnTick(now, signals);
            foreach (var signal in signals) log.Add((now, signal));
            signals.Clear();
        }
        return log;
    }

    private static IAlertRule Create(AlertRuleDefinition definition, DateTimeOffset now) =>
        new SpikeAlertRuleType().Create("negative-spike", definition, new FakeClock(now));

    private static async Task<IAlertRule> Started(AlertRuleDefinition definition, DateTimeOffset now, IAlertHistory? history = null, params string[] openGroups)
    {
        var rule = Create(definition, now);
        await rule.InitializeAsync(history ?? new InMemoryAlertHistory(), openGroups, CancellationToken.None);
        return rule;
    }

    [Test]
    public async Task OnTick_DailyAndWeeklyRhythmForFiveWeeks_StaysSilent()
    {
        var rule = await Started(Definition(), Start);
        var log = Run(rule, new SyntheticTraffic(nightPerHour: 4, peakPerHour: 40), Start, Start.AddDays(35), burst: 1);
        Assert.That(log, Is.Empty);
    }

    [Test]
    public async Task OnTick_FiveFoldBurstForTwoHours_FiresOnceUpdatesAndResolvesOnce()
    {
        var rule = await Started(Definition(), Start);
        var log = Run(rule, new SyntheticTraffic(nightPerHour: 4, peakPerHour: 40), Start, BurstEnd.AddDays(2));

        var kinds = log.Select(l => l.Signal.Kind).ToList();
        var fire = log.Single(l => l.Signal.Kind == AlertSignalKind.Fire);
        var resolve = log.Single(l => l.Signal.Kind == AlertSignalKind.Resolve);
        Assert.Multiple(() =>
        {
            Assert.That(kinds[0], Is.EqualTo(AlertSignalKind.Fire), "nothing before the burst");
            Assert.That(kinds[^1], Is.EqualTo(AlertSignalKind.Resolve), "nothing after it");
            Assert.That(kinds.Count(k => k == AlertSignalKind.Update), Is.GreaterThanOrEqualTo(1));
            Assert.That(fire.At, Is.InRange(BurstStart, BurstEnd));
            Assert.That(resolve.At, Is.InRange(BurstEnd, BurstEnd.AddMinutes(Definition().WindowMinutes)));
            Assert.That(fire.Signal.GroupKey, Is.EqualTo("voltik"));
            Assert.That(fire.Signal.Watch, Is.EqualTo("Voltik"));
            Assert.That(fire.Signal.Count, Is.GreaterThanOrEqualTo(Definition().MinCount));
            Assert.That(fire.Signal.Summary, Does.Match(@"^\d+ negative mentions in the last 60 minutes; about [\d.]+ usual\.$"));
        });
    }

    [Test]
    public async Task InitializeAsync_RestartDuringSpikeWithOpenGroup_ResolvesWithoutFiringAgain()
    {
        var traffic = new SyntheticTraffic(nightPerHour: 4, peakPerHour: 40);
        var history = new InMemoryAlertHistory();
        var restart = BurstStart.AddMinutes(75);
        var before = Run(await Started(Definition(), Start), traffic, Start, restart, history);
        Assert.That(before.Select(l => l.Signal.Kind), Has.Exactly(1).EqualTo(AlertSignalKind.Fire), "the first instance saw the spike");

        var restarted = await Started(Definition(), restart, history, "voltik");
        var after = Run(restarted, traffic, restart, BurstEnd.AddDays(1));

        Assert.Multiple(() =>
        {
            Assert.That(history.Calls.Single(), Is.EqualTo(((string?)"Voltik", (string?)null, "negative", restart.AddDays(-29), restart)));
            Assert.That(after.Select(l => l.Signal.Kind), Has.None.EqualTo(AlertSignalKind.Fire));
            Assert.That(after.Select(l => l.Signal.Kind), Has.Exactly(1).EqualTo(AlertSignalKind.Resolve));
            Assert.That(after[^1].Signal.Kind, Is.EqualTo(AlertSignalKind.Resolve));
            Assert.That(after[^1].At, Is.GreaterThan(BurstEnd));
        });
    }

    [Test]
    public async Task OnTick_BurstInTheFirstWeek_DoesNotFire()
    {
        var rule = await Started(Definition(), Start);
        var log = Run(rule, new SyntheticTraffic(nightPerHour: 4, peakPerHour: 40), Start, Start.AddDays(6), burst: 1);
        for (var i = 0; i < 200; i++) rule.OnMention(SomeMention.Negative(at: Start.AddDays(6).AddMinutes(-1)), []);
        var signals = new List<AlertSignal>();
        rule.OnTick(Start.AddDays(6), signals);
        Assert.That(log.Concat(signals.Select(s => (Start, s))), Is.Empty);
    }

    [Test]
    public void Validate_EveryInvalidField_IsListedAtOnce()
    {
        var definition = new AlertRuleDefinition
        {
            Metric = "angry", WindowMinutes = 0, MinCount = 0, Sensitivity = 1, BaselineWeeks = 13, RecentHours = 0,
            SeasonalWeight = 1.1, LatenessSeconds = -1,
        };
        var problems = new SpikeAlertRuleType().Validate(definition).ToList();
        Assert.That(problems.Select(p => p.Field), Is.EquivalentTo(new[]
        {
            "Watches", "Metric", "WindowMinutes", "MinCount", "Sensitivity", "BaselineWeeks", "RecentHours", "SeasonalWeight", "LatenessSeconds",
        }));
        Assert.That(problems.Single(p => p.Field == "Sensitivity").Message, Is.EqualTo("Sensitivity must be greater than 1."));
    }

    [Test]
    public void Validate_Defaults_WithAWatch_AreValid() =>
        Assert.That(new SpikeAlertRuleType().Validate(Definition()), Is.Empty);
}
