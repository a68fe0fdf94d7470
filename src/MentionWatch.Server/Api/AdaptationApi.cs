using MentionWatch.Core.Storage;
using MentionWatch.Server.Adaptation;
using MentionWatch.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Api;

/// <summary>
/// POST /api/v1/watches/{name}/adaptation trains the watch's adaptation from its corrections (analyst or admin; it
/// takes well under a second, so the call returns the outcome) and DELETE rolls it back. The state is also in
/// <c>GET /api/v1/watches/{name}</c> as <c>adaptation</c>.
/// </summary>
internal static class AdaptationApi
{
    public static RouteGroupBuilder MapAdaptationApi(this RouteGroupBuilder api)
    {
        var adaptation = api.MapGroup("/watches/{name}/adaptation").WithTags("Watches");
        adaptation.MapGet("/", GetAsync).WithSummary("The watch's adaptation: state (none, active, rejected, stale), corrections used, cross-validated figures.")
            .ProducesErrors(404);
        adaptation.MapPost("/", TrainAsync).RequireRole(ApiRole.Analyst)
            .WithSummary("Trains the watch's adaptation from its corrections; it is applied only if it beats the shipped model on held-out corrections (k-fold).")
            .ProducesErrors(404, 503);
        adaptation.MapDelete("/", RollbackAsync).RequireRole(ApiRole.Analyst)
            .WithSummary("Rolls the watch's adaptation back: its new mentions get the shipped scores again.").ProducesErrors(404);
        return api;
    }

    private static async Task<Results<Ok<AdaptationStatus>, ProblemHttpResult>> GetAsync(
        string name, IWatchStore watches, WatchAdaptationService adaptations, CancellationToken cancellationToken) =>
        await WatchNames.FindAsync(watches, name, cancellationToken) is { } watch
            ? TypedResults.Ok(adaptations.StatusOf(watch.Name))
            : WatchNames.Unknown([name]);

    private static async Task<Results<Ok<AdaptationStatus>, ProblemHttpResult>> TrainAsync(
        string name, HttpContext http, IWatchStore watches, WatchAdaptationService adaptations, CancellationToken cancellationToken)
    {
        if (await WatchNames.FindAsync(watches, name, cancellationToken) is not { } watch) return WatchNames.Unknown([name]);
        AuditTrail.SetTarget(http, $"watch {watch.Name} adaptation");
        var status = await adaptations.TrainAsync(watch.Name, ApiCaller.Of(http)?.Name ?? "unknown", cancellationToken);
        return TypedResults.Ok(status);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RollbackAsync(
        string name, HttpContext http, IWatchStore watches, WatchAdaptationService adaptations, CancellationToken cancellationToken)
    {
        if (await WatchNames.FindAsync(watches, name, cancellationToken) is not { } watch) return WatchNames.Unknown([name]);
        AuditTrail.SetTarget(http, $"watch {watch.Name} adaptation");
        return await adaptations.RollbackAsync(watch.Name, cancellationToken)
            ? TypedResults.NoContent()
            : Problems.NotFound($"Watch '{watch.Name}' has no adaptation to roll back.");
    }
}
