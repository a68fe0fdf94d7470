using System.Text.Json.Nodes;

namespace MentionWatch.Server.Tests.Alerting.Notifiers.Support;

/// <summary>Answers in each receiver's documented wire format.</summary>
internal static class Wire
{
    public static IReadOnlyDictionary<string, string> RetryAfter(string value) => new Dictionary<string, string> { ["Retry-After"] = value };

    /// <summary>Slack incoming webhooks answer in plain text: <c>ok</c>, or an error code such as <c>no_service</c>.</summary>
    public static ReceiverReply Slack(int status, string text, IReadOnlyDictionary<string, string>? headers = null) => new(status, text, "text/plain", headers);

    /// <summary>Bot API success: <c>{"ok":true,"result":Message}</c>.</summary>
    public static ReceiverReply TelegramSent(long chatId, int messageId = 42) => new(200, new JsonObject
    {
        ["ok"] = true,
        ["result"] = new JsonObject
        {
            ["message_id"] = messageId,
            ["date"] = 1_796_117_400,
            ["chat"] = new JsonObject { ["id"] = chatId, ["type"] = "private" },
            ["text"] = "sent",
        },
    }.ToJsonString());

    /// <summary>Bot API error: <c>{"ok":false,"error_code":..,"description":..,"parameters":{"retry_after":..}}</c>.</summary>
    public static ReceiverReply TelegramError(int code, string description, int? retryAfter = null)
    {
        var body = new JsonObject { ["ok"] = false, ["error_code"] = code, ["description"] = description };
        if (retryAfter is { } seconds) body["parameters"] = new JsonObject { ["retry_after"] = seconds };
        return new(code, body.ToJsonString());
    }

    /// <summary>PagerDuty Events API v2: 202 <c>{"status":"success","message":"Event processed","dedup_key":..}</c>.</summary>
    public static ReceiverReply PagerDutyAccepted(string dedupKey) =>
        new(202, new JsonObject { ["status"] = "success", ["message"] = "Event processed", ["dedup_key"] = dedupKey }.ToJsonString());

    public static ReceiverReply PagerDutyInvalid(string error) => new(400, new JsonObject
    {
        ["status"] = "invalid event",
        ["message"] = "Event object is invalid",
        ["errors"] = new JsonArray(error),
    }.ToJsonString());
}
