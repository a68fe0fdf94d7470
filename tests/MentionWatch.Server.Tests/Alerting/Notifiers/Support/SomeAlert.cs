using MentionWatch.Core.Alerts;

namespace MentionWatch.Server.Tests.Alerting.Notifiers.Support;

/// <summary>Test data: an alert with two mentions (one in Russian, to prove text survives every channel).</summary>
internal static class SomeAlert
{
    public const string RussianText = "Самокат Voltik сломался через неделю, поддержка молчит";

    public static Alert Alert(
        long id = 17, AlertState state = AlertState.Open, AlertSeverity severity = AlertSeverity.Warning, string? watch = "voltik") => new(
        id,
        Rule: "negative-spike",
        RuleType: "spike",
        Watch: watch,
        GroupKey: "negative-spike|voltik",
        State: state,
        Severity: severity,
        Count: 12,
        Title: "Negative mentions of voltik tripled",
        Summary: "12 negative mentions in the last hour against about 4 usually",
        OpenedAt: NotifierHarness.Start.AddMinutes(-20),
        UpdatedAt: NotifierHarness.Start.AddMinutes(-1),
        AcknowledgedAt: state == AlertState.Acknowledged ? NotifierHarness.Start : null,
        ResolvedAt: state == AlertState.Resolved ? NotifierHarness.Start : null,
        Mentions:
        [
            new AlertMention(
                901, "x", "1865000000000000001", "https://x.com/anna/status/1865000000000000001", RussianText,
                new AlertAuthor("anna", "Анна", 1_200), NotifierHarness.Start.AddMinutes(-2), "negative", true, 0.91f),
            new AlertMention(
                900, "reddit", "t3_abc", null, "My Voltik <scooter> & charger died again",
                new AlertAuthor("rider42", null, null), NotifierHarness.Start.AddMinutes(-5), "negative", false, 0.2f),
        ]);

    public static AlertNotification Notification(AlertEventType type = AlertEventType.Triggered, Alert? alert = null, string deliveryId = "msg_2Kw9dE7pQx") =>
        new(deliveryId, "oncall", type, alert ?? Alert(), NotifierHarness.Start);
}
