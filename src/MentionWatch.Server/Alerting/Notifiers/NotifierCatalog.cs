namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>
/// The notifier types by type key (<c>webhook</c>, <c>slack</c>, <c>telegram</c>, <c>email</c>, <c>pagerduty</c>).
/// The engine validates <c>Alerts:Notifiers</c> once at start (every problem at once) and then builds the notifiers.
/// </summary>
internal sealed class NotifierCatalog
{
    private readonly Dictionary<string, IAlertNotifierType> _types;

    public NotifierCatalog(IEnumerable<IAlertNotifierType> types)
    {
        _types = new Dictionary<string, IAlertNotifierType>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in types) _types[type.Type] = type;
    }

    /// <summary>The known type keys, sorted.</summary>
    public IReadOnlyList<string> Types => _types.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>Every problem in <paramref name="notifiers"/> (the <c>Alerts:Notifiers</c> section), each naming its full key.</summary>
    public IReadOnlyList<string> Validate(IConfigurationSection notifiers, NotifierValidationContext context)
    {
        var problems = new List<string>();
        foreach (var section in notifiers.GetChildren())
        {
            if (TypeOf(section, out var problem) is { } type) problems.AddRange(type.Validate(section, context));
            else problems.Add(problem!);
        }

        return problems;
    }

    /// <summary>
    /// One notifier per child of <paramref name="notifiers"/>, keyed by name (case-insensitive). Call after
    /// <see cref="Validate"/> came back empty; a section that is still invalid throws InvalidOperationException.
    /// </summary>
    public IReadOnlyDictionary<string, IAlertNotifier> CreateAll(IConfigurationSection notifiers, IServiceProvider services)
    {
        var created = new Dictionary<string, IAlertNotifier>(StringComparer.OrdinalIgnoreCase);
        foreach (var section in notifiers.GetChildren())
        {
            var type = TypeOf(section, out var problem) ?? throw new InvalidOperationException(problem);
            created[section.Key] = type.Create(section, services);
        }

        return created;
    }

    private IAlertNotifierType? TypeOf(IConfigurationSection section, out string? problem)
    {
        var key = section["Type"]?.Trim();
        problem = null;
        if (!string.IsNullOrEmpty(key) && _types.TryGetValue(key, out var type)) return type;
        var known = string.Join(", ", Types);
        problem = string.IsNullOrEmpty(key)
            ? $"{section.Path}:Type: is required; known types: {known}."
            : $"{section.Path}:Type: unknown notifier type '{key}'; known types: {known}.";
        return null;
    }
}
