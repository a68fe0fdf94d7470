using System.Globalization;
using MentionWatch.Core.Alerts;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Alerting;
using MentionWatch.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Api;

/// <summary>/api/v1/alerts: alerts with their mentions and deliveries; analysts acknowledge and resolve.</summary>
internal static class AlertsApi
{
    private const int MaxMentionsShown = 100;

    public static RouteGroupBuilder MapAlertsApi(this RouteGroupBuilder api)
    {
        var alerts = api.MapGroup("/alerts").WithTags("Alerts");
        alerts.MapGet("/", ListAsync).WithSummary("Alerts newest first, filtered by state, rule and watch; cursor paginated.");
        alerts.MapGet("/{id:long}", GetAsync).WithSummary("One alert with its mentions and every delivery attempt.");
        alerts.MapPost("/{id:long}/acknowledge", AcknowledgeAsync).RequireRole(ApiRole.Analyst)
            .WithSummary("Acknowledges an open alert: escalation stops, and PagerDuty acknowledges its incident.");
        alerts.MapPost("/{id:long}/resolve", ResolveAsync).RequireRole(ApiRole.Analyst)
            .WithSummary("Resolves an alert, also in PagerDuty (same dedup_key).");
        api.MapGet("/alert-deliveries", DeliveriesAsync).WithTags("Alerts")
            .WithSummary("Dead-lettered deliveries (state=dead), newest first: deliveries no notifier accepted.");
        return api;
    }

    private static async Task<Results<Ok<AlertPageDto>, ProblemHttpResult>> ListAsync(
        string? state, string? rule, string? watch, string? limit, string? cursor, IAlertStore store, CancellationToken cancellationToken)
    {
        var errors = new ArgErrors();
        var stateName = errors.OneOf("state", state, "open", "acknowledged", "resolved");
        var pageSize = errors.Int("limit", limit, 50, 1, 500);
        long? before = null;
        if (!string.IsNullOrWhiteSpace(cursor))
        {
            if (long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0) before = id;
            else errors.Add("cursor", $"cursor '{cursor}' was not issued by this API; pass nextCursor from the previous page.");
        }
        if (errors.Any(out var problem)) return problem!;
        var page = await store.ListAsync(new AlertQuery(
            stateName is null ? null : Enum.Parse<AlertState>(stateName, ignoreCase: true), Clean(rule), Clean(watch), pageSize, before), cancellationToken);
        return TypedResults.Ok(new AlertPageDto(page.Items.Select(a => a.ToJson()).ToList(),
            page.NextBefore?.ToString(CultureInfo.InvariantCulture)));
    }

    private static async Task<Results<Ok<AlertDetailDto>, ProblemHttpResult>> GetAsync(
        long id, IAlertStore store, IMentionQueries mentions, CancellationToken cancellationToken)
    {
        if (await store.GetAsync(id, cancellationToken) is not { } detail) return Problems.NotFound($"No alert with id {id}.");
        var shown = new List<MentionDto>();
        foreach (var mentionId in detail.MentionIds.Take(MaxMentionsShown))
            if (await mentions.GetAsync(mentionId, cancellationToken) is { } mention) shown.Add(mention.ToDto());
        return TypedResults.Ok(new AlertDetailDto(detail.Alert.ToJson(), shown, detail.MentionIds.Count,
            detail.Deliveries.Select(d => d.ToDto(detail.Attempts)).ToList()));
    }

    private static async Task<Results<Ok<AlertDetailDto>, ProblemHttpResult>> AcknowledgeAsync(
        long id, AlertEngine engine, IAlertStore store, IMentionQueries mentions, CancellationToken cancellationToken)
    {
        var (outcome, _) = await engine.AcknowledgeAsync(id, cancellationToken);
        return outcome switch
        {
            AlertCommandOutcome.NotFound => Problems.NotFound($"No alert with id {id}."),
            AlertCommandOutcome.AlreadyResolved => Problems.Conflict($"Alert {id} is resolved; a resolved alert cannot be acknowledged."),
            _ => await GetAsync(id, store, mentions, cancellationToken),
        };
    }

    private static async Task<Results<Ok<AlertDetailDto>, ProblemHttpResult>> ResolveAsync(
        long id, AlertEngine engine, IAlertStore store, IMentionQueries mentions, CancellationToken cancellationToken)
    {
        var (outcome, _) = await engine.ResolveAsync(id, cancellationToken);
        return outcome == AlertCommandOutcome.NotFound
            ? Problems.NotFound($"No alert with id {id}.")
            : await GetAsync(id, store, mentions, cancellationToken);
    }

    private static async Task<Results<Ok<List<DeliveryDto>>, ProblemHttpResult>> DeliveriesAsync(
        string? state, string? limit, IAlertStore store, CancellationToken cancellationToken)
    {
        var errors = new ArgErrors();
        errors.OneOf("state", state ?? "dead", "dead");
        var count = errors.Int("limit", limit, 100, 1, 1_000);
        if (errors.Any(out var problem)) return problem!;
        var dead = await store.DeadDeliveriesAsync(count, cancellationToken);
        return TypedResults.Ok(dead.Select(d => d.ToDto([])).ToList());
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
