using MentionWatch.Core.Alerts;
using MentionWatch.Server.Alerting.Notifiers;
using MentionWatch.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Api;

/// <summary>/api/v1/notifiers: the configured notifiers (secrets masked) and a test send.</summary>
internal static class NotifiersApi
{
    public static RouteGroupBuilder MapNotifiersApi(this RouteGroupBuilder api)
    {
        var notifiers = api.MapGroup("/notifiers").WithTags("Notifiers");
        notifiers.MapGet("/", List).WithSummary("Configured notifiers with their settings; secrets are masked.");
        notifiers.MapPost("/{name}/test", TestAsync).RequireRole(ApiRole.Admin)
            .WithSummary("Sends one test notification now (not through the outbox) and reports the receiver's answer.");
        return api;
    }

    private static Ok<List<NotifierDto>> List(NotifierRegistry registry) =>
        TypedResults.Ok(registry.All.OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase)
            .Select(n => new NotifierDto(n.Name, n.Type, n.Describe())).ToList());

    private static async Task<Results<Ok<NotifierTestDto>, ProblemHttpResult>> TestAsync(
        string name, NotifierRegistry registry, TimeProvider time, CancellationToken cancellationToken)
    {
        if (registry.Find(name) is not { } notifier) return Problems.NotFound($"No notifier named '{name}' is configured under Alerts:Notifiers.");
        var now = time.GetUtcNow();
        var alert = new Alert(0, "test", "mention", null, "test", AlertState.Open, AlertSeverity.Info, 1,
            "MentionWatch test notification", $"A test of the notifier '{notifier.Name}'; no action is needed.", now, now, null, null,
            [new AlertMention(0, "test", "test", null, "This is a test notification from MentionWatch.", new AlertAuthor("mentionwatch", "MentionWatch", null), now, "neutral", false, 0)]);
        var result = await notifier.SendAsync(
            new AlertNotification($"mw-test-{Guid.NewGuid():N}", notifier.Name, AlertEventType.Triggered, alert, now), cancellationToken);
        return TypedResults.Ok(new NotifierTestDto(notifier.Name, result.Outcome.ToString().ToLowerInvariant(), result.StatusCode, result.Detail, result.RetryAfter?.TotalSeconds));
    }
}
