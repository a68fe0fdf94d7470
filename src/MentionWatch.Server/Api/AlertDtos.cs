using System.Text.Json.Nodes;
using MentionWatch.Core.Alerts;
using MentionWatch.Server.Alerting.Notifiers;

namespace MentionWatch.Server.Api;

/// <summary>An alert as the API returns it (the same shape as the webhook body's <c>alert</c>).</summary>
public sealed record AlertPageDto(IReadOnlyList<JsonNode> Items, string? NextCursor);

/// <summary>One delivery of one event to one notifier, with its attempts.</summary>
public sealed record DeliveryDto(
    string DeliveryId, string Event, string Notifier, string State, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt,
    string? LastError, IReadOnlyList<AttemptDto> AttemptLog);

public sealed record AttemptDto(int Attempt, DateTimeOffset At, string Outcome, int? StatusCode, string Detail, double DurationMs);

/// <summary>An alert with every mention it collected and every delivery attempt.</summary>
public sealed record AlertDetailDto(JsonNode Alert, IReadOnlyList<MentionDto> Mentions, int MentionCount, IReadOnlyList<DeliveryDto> Deliveries);

public sealed record NotifierDto(string Name, string Type, IReadOnlyDictionary<string, string?> Settings);

public sealed record NotifierTestDto(string Notifier, string Outcome, int? StatusCode, string Detail, double? RetryAfterSeconds);

internal static class AlertMapping
{
    /// <summary>The alert object of <see cref="AlertPayload"/>, so the API, the streams and webhooks agree.</summary>
    public static JsonNode ToJson(this Alert alert) => AlertPayload.ToNode(alert);

    public static DeliveryDto ToDto(this DeliveryRecord d, IEnumerable<DeliveryAttempt> attempts) => new(
        d.DeliveryId, d.Event.WireName(), d.Notifier, d.State.ToString().ToLowerInvariant(), d.Attempts, d.CreatedAt, d.DeliveredAt, d.LastError,
        attempts.Where(a => a.DeliveryId == d.DeliveryId)
            .Select(a => new AttemptDto(a.Attempt, a.At, a.Outcome, a.StatusCode, a.Detail, Math.Round(a.DurationMs, 1))).ToList());
}
