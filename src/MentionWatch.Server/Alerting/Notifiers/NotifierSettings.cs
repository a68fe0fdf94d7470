using System.Globalization;

namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>
/// Reads one notifier's section and collects every problem, each naming its full key
/// (<c>Alerts:Notifiers:oncall:Url: ...</c>). Messages never quote values: URLs and keys may be secrets.
/// </summary>
internal sealed class NotifierSettings(IConfigurationSection section, NotifierValidationContext context)
{
    private readonly List<string> _problems = [];

    public string Name => section.Key;

    public bool AllowPrivateTargets => context.AllowPrivateTargets;

    public IReadOnlyList<string> Problems => _problems;

    public bool IsValid => _problems.Count == 0;

    public void Problem(string key, string message) => _problems.Add($"{section.Path}:{key}: {message}");

    public string? String(string key, bool required = false)
    {
        var value = section[key];
        if (!string.IsNullOrWhiteSpace(value)) return value.Trim();
        if (required) Problem(key, "is required.");
        return null;
    }

    public int Int(string key, int defaultValue, int min, int max)
    {
        var text = String(key);
        if (text is null) return defaultValue;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        Problem(key, $"must be a whole number from {min} to {max}.");
        return defaultValue;
    }

    public TimeSpan Timeout(int defaultSeconds) => TimeSpan.FromSeconds(Int("TimeoutSeconds", defaultSeconds, 1, 120));

    /// <summary>An absolute http(s) URL whose host passes <see cref="PrivateTargetGuard"/> at validation time.</summary>
    public Uri? Url(string key, bool required = true, string? defaultValue = null)
    {
        var text = String(key, required && defaultValue is null) ?? defaultValue;
        if (text is null) return null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            Problem(key, "must be an absolute http or https URL.");
            return null;
        }

        if (PrivateTargetGuard.CheckConfiguredHost(uri.DnsSafeHost, AllowPrivateTargets) is { } refusal)
        {
            Problem(key, refusal);
            return null;
        }

        return uri;
    }

    /// <summary>A list given as array children (<c>To:0</c>, <c>To:1</c>) or as one comma-separated value.</summary>
    public IReadOnlyList<string> List(string key)
    {
        var child = section.GetSection(key);
        var items = child.Value is { } single
            ? single.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : child.GetChildren().Select(c => c.Value?.Trim()).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToArray();
        return items;
    }
}
