namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>
/// The shape every notifier type shares: one <see cref="Read"/> that both validates and builds the options, so
/// what <see cref="Validate"/> accepts is exactly what <see cref="Create"/> runs with.
/// </summary>
internal abstract class NotifierType<TOptions> : IAlertNotifierType
    where TOptions : class
{
    public abstract string Type { get; }

    /// <summary>The options, or null when <paramref name="settings"/> collected a problem.</summary>
    protected abstract TOptions? Read(NotifierSettings settings);

    protected abstract IAlertNotifier Build(string name, TOptions options, IServiceProvider services);

    public IEnumerable<string> Validate(IConfigurationSection section, NotifierValidationContext context)
    {
        var settings = new NotifierSettings(section, context);
        Read(settings);
        return settings.Problems;
    }

    public IAlertNotifier Create(IConfigurationSection section, IServiceProvider services)
    {
        // Private targets were judged by Validate; at send time the connect guard judges the resolved addresses.
        var settings = new NotifierSettings(section, new NotifierValidationContext(AllowPrivateTargets: true));
        var options = Read(settings);
        if (options is null || !settings.IsValid)
        {
            throw new InvalidOperationException($"Notifier '{section.Key}' is not valid: {string.Join(" ", settings.Problems)}");
        }

        return Build(section.Key, options, services);
    }
}
