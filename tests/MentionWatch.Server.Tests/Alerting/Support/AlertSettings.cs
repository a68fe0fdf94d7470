namespace MentionWatch.Server.Tests.Alerting.Support;

/// <summary>Configuration for alert tests: a webhook notifier on loopback and a rule that pages on a keyword.</summary>
internal static class AlertSettings
{
    public const string Secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";

    public static Dictionary<string, string?> Webhook(string notifier, Uri url) => new()
    {
        ["Alerts:AllowPrivateTargets"] = "true",
        [$"Alerts:Notifiers:{notifier}:Type"] = "webhook",
        [$"Alerts:Notifiers:{notifier}:Url"] = url.ToString(),
        [$"Alerts:Notifiers:{notifier}:Secret"] = Secret,
        [$"Alerts:Notifiers:{notifier}:TimeoutSeconds"] = "2",
        ["Alerts:RetryBaseDelayMilliseconds"] = "50",
        ["Alerts:MaxRetryDelaySeconds"] = "1",
        ["Alerts:CircuitBreakDurationSeconds"] = "1",
    };

    /// <summary>A mention rule on the word <paramref name="keyword"/> (no dependence on model scores), paging <paramref name="notify"/>.</summary>
    public static Dictionary<string, string?> KeywordRule(string rule, string keyword, string groupBy = "none", params string[] notify)
    {
        var settings = new Dictionary<string, string?>
        {
            [$"Alerts:Rules:{rule}:Type"] = "mention",
            [$"Alerts:Rules:{rule}:Query"] = keyword,
            [$"Alerts:Rules:{rule}:GroupBy"] = groupBy,
        };
        for (var i = 0; i < notify.Length; i++) settings[$"Alerts:Rules:{rule}:Notify:{i}"] = notify[i];
        return settings;
    }

    /// <summary>The watch every alert test uses: posts mentioning "acme".</summary>
    public static Dictionary<string, string?> AcmeWatch() => new()
    {
        ["Watches:0:Name"] = "acme",
        ["Watches:0:Query"] = "acme",
        ["Watches:0:OwnHandles:0"] = "acme_support",
    };

    public static Dictionary<string, string?> Merge(params IDictionary<string, string?>[] parts)
    {
        var all = new Dictionary<string, string?>();
        foreach (var part in parts)
            foreach (var (key, value) in part) all[key] = value;
        return all;
    }
}
