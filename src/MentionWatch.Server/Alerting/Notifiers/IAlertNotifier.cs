using MentionWatch.Core.Alerts;

namespace MentionWatch.Server.Alerting.Notifiers;

/// <summary>
/// One configured channel (<c>Alerts:Notifiers:&lt;name&gt;</c>) that delivers alert events: a webhook, Slack,
/// Telegram, e-mail or PagerDuty. A notifier makes exactly one attempt per call; the outbox retries.
/// </summary>
public interface IAlertNotifier
{
    /// <summary>The configured name (the key under <c>Alerts:Notifiers</c>).</summary>
    string Name { get; }

    /// <summary>The type key: <c>webhook</c>, <c>slack</c>, <c>telegram</c>, <c>email</c>, <c>pagerduty</c>.</summary>
    string Type { get; }

    /// <summary>Settings for <c>GET /api/v1/notifiers</c>, secrets masked (never the secret itself).</summary>
    IReadOnlyDictionary<string, string?> Describe();

    /// <summary>One attempt. Never throws for a receiver's answer or a network failure: they become the result.</summary>
    Task<DeliveryResult> SendAsync(AlertNotification notification, CancellationToken cancellationToken);
}

public enum DeliveryOutcome
{
    /// <summary>The receiver took it: never send this delivery again.</summary>
    Accepted,
    /// <summary>Worth retrying: 429, 5xx, timeouts, network errors.</summary>
    Transient,
    /// <summary>Retrying cannot help (400, 401, 403, 404 ...): dead-lettered at once.</summary>
    Permanent,
}

/// <summary>What one attempt came to; <see cref="RetryAfter"/> is the receiver's own wait (Retry-After, retry_after).</summary>
public sealed record DeliveryResult(DeliveryOutcome Outcome, string Detail, int? StatusCode = null, TimeSpan? RetryAfter = null)
{
    public static DeliveryResult Accepted(int? status = null, string detail = "accepted") => new(DeliveryOutcome.Accepted, detail, status);

    public static DeliveryResult Transient(string detail, int? status = null, TimeSpan? retryAfter = null) =>
        new(DeliveryOutcome.Transient, detail, status, retryAfter);

    public static DeliveryResult Permanent(string detail, int? status = null) => new(DeliveryOutcome.Permanent, detail, status);
}

/// <summary>
/// A notifier type, keyed by <see cref="Type"/> the way ElastAlert2 keys its alerters: it validates a configured
/// section (every problem, naming the key) and builds the notifier.
/// </summary>
public interface IAlertNotifierType
{
    string Type { get; }

    /// <summary>Problems with <paramref name="section"/> (<c>Alerts:Notifiers:&lt;name&gt;</c>), each naming its full key.</summary>
    IEnumerable<string> Validate(IConfigurationSection section, NotifierValidationContext context);

    IAlertNotifier Create(IConfigurationSection section, IServiceProvider services);
}

/// <summary>What validation needs beyond the section itself.</summary>
public sealed record NotifierValidationContext(bool AllowPrivateTargets);
