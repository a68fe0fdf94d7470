using MentionWatch.Server.Alerting;

namespace MentionWatch.Server.Api;

/// <summary><c>GET /api/v1/alerts/stream</c>: alert events as they are committed (viewer role).</summary>
internal static class AlertStreamApi
{
    public static RouteGroupBuilder MapAlertStreamApi(this RouteGroupBuilder api)
    {
        api.MapGet("/alerts/stream", Stream).WithTags("Alerts")
            .WithSummary("Server-sent events: each alert event (alert.triggered, alert.updated ...) with the alert; a comment line when idle.")
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");
        return api;
    }

    private static AlertEventStream Stream(string? rule, string? watch, AlertFeed feed, [AsParameters] EventStreamServices services) =>
        new(feed, Clean(rule), Clean(watch), services);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
