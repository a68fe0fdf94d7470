using MentionWatch.Server.Alerting.Notifiers;
using Microsoft.Extensions.Configuration;
using FakeTimeProvider = Microsoft.Extensions.Time.Testing.FakeTimeProvider;

namespace MentionWatch.Server.Tests.Alerting.Notifiers.Support;

/// <summary>
/// The notifiers as the host wires them (<c>AddAlertNotifiers</c>, configuration, a fake clock), configured from
/// <c>Alerts:Notifiers:&lt;name&gt;:&lt;key&gt;</c> pairs. Tests reach 127.0.0.1, so private targets are allowed
/// unless a test says otherwise.
/// </summary>
internal sealed class NotifierHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);

    private NotifierHarness(IConfigurationRoot configuration, ServiceProvider services, FakeTimeProvider time, bool allowPrivateTargets)
    {
        Configuration = configuration;
        Services = services;
        Time = time;
        AllowPrivateTargets = allowPrivateTargets;
    }

    public IConfigurationRoot Configuration { get; }

    public ServiceProvider Services { get; }

    public FakeTimeProvider Time { get; }

    public bool AllowPrivateTargets { get; }

    public IConfigurationSection Notifiers => Configuration.GetSection("Alerts:Notifiers");

    public NotifierCatalog Catalog => Services.GetRequiredService<NotifierCatalog>();

    /// <summary>One notifier called <paramref name="name"/> with the given keys.</summary>
    public static NotifierHarness For(string name, string type, IReadOnlyDictionary<string, string?> keys, bool allowPrivateTargets = true)
    {
        var settings = keys.ToDictionary(k => $"Alerts:Notifiers:{name}:{k.Key}", k => k.Value);
        settings[$"Alerts:Notifiers:{name}:Type"] = type;
        return Create(settings, allowPrivateTargets);
    }

    public static NotifierHarness Create(IDictionary<string, string?> settings, bool allowPrivateTargets = true)
    {
        var values = new Dictionary<string, string?>(settings) { [PrivateTargetGuard.AllowKey] = allowPrivateTargets ? "true" : "false" };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var time = new FakeTimeProvider(Start);
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(time)
            .AddLogging()
            .AddAlertNotifiers()
            .BuildServiceProvider();
        return new NotifierHarness(configuration, services, time, allowPrivateTargets);
    }

    public IReadOnlyList<string> Validate() => Catalog.Validate(Notifiers, new NotifierValidationContext(AllowPrivateTargets));

    /// <summary>The notifier, after checking its configuration is valid (so a test cannot pass on a broken one).</summary>
    public IAlertNotifier Notifier(string name)
    {
        Assert.That(Validate(), Is.Empty, "the test's notifier configuration should be valid");
        return Catalog.CreateAll(Notifiers, Services)[name];
    }

    /// <summary>
    /// Sends while the receiver hangs: waits until the request arrived, then moves the fake clock past the timeout.
    /// </summary>
    public async Task<DeliveryResult> SendAndTimeOutAsync(IAlertNotifier notifier, Task requestArrived, TimeSpan timeout)
    {
        var sending = notifier.SendAsync(SomeAlert.Notification(), CancellationToken.None);
        await requestArrived.WaitAsync(TimeSpan.FromSeconds(10));
        Time.Advance(timeout + TimeSpan.FromSeconds(1));
        return await sending.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public void Dispose() => Services.Dispose();
}
