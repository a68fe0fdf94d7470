namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>The notifiers configured under <c>Alerts:Notifiers</c>, built once (configuration was validated at start).</summary>
internal sealed class NotifierRegistry(IConfiguration configuration, NotifierCatalog catalog, IServiceProvider services)
{
    private readonly Lazy<IReadOnlyDictionary<string, IAlertNotifier>> _notifiers = new(() =>
        catalog.CreateAll(configuration.GetSection("Alerts:Notifiers"), services));

    private readonly Lazy<IReadOnlySet<string>> _names = new(() =>
        new HashSet<string>(configuration.GetSection("Alerts:Notifiers").GetChildren().Select(c => c.Key), StringComparer.OrdinalIgnoreCase));

    /// <summary>Configured names, available before the notifiers are built (validation uses them).</summary>
    public IReadOnlySet<string> Names => _names.Value;

    public IReadOnlyCollection<IAlertNotifier> All => [.. _notifiers.Value.Values];

    public IAlertNotifier? Find(string name) => _notifiers.Value.GetValueOrDefault(name);
}
