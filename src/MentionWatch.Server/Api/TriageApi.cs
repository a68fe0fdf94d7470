using System.Globalization;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Auth;
using MentionWatch.Server.Support;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Api;

/// <summary>/api/v1/mentions/{id}/triage and /history: who moved a mention through triage, when and why.</summary>
internal static class TriageApi
{
    public static RouteGroupBuilder MapTriageApi(this RouteGroupBuilder api)
    {
        api.MapPost("/mentions/{id}/triage", TriageAsync).RequireRole(ApiRole.Analyst).DocumentsBody<TriageRequestDto>().WithTags("Support")
            .WithSummary("Moves a mention through triage (assigned, replied, resolved, ignored, reopened); 409 names the allowed moves.")
            .ProducesErrors(400, 404, 409, 415);
        api.MapGet("/mentions/{id}/history", HistoryAsync).WithTags("Support")
            .WithSummary("The mention's triage history (who, when, why) and classifier corrections, oldest first.").ProducesErrors(400, 404);
        return api;
    }

    private static async Task<Results<Ok<MentionDto>, ProblemHttpResult>> TriageAsync(
        string id, HttpContext http, ISupportStore support, IMentionQueries mentions, TeamRouter teams, ISupportChangeListener listener,
        TimeProvider time, CancellationToken cancellationToken)
    {
        if (ParseId(id) is not { } mentionId) return BadId(id);
        AuditTrail.SetTarget(http, $"mention {mentionId}");
        var (dto, problem) = await JsonBody.ReadAsync<TriageRequestDto>(http.Request, cancellationToken);
        if (problem is not null) return problem;
        var errors = new ArgErrors();
        var move = errors.OneOf("state", dto!.State, [.. TriageStates.Moves]);
        if (string.IsNullOrWhiteSpace(dto.State)) errors.Add("state", $"state is required: one of {string.Join(", ", TriageStates.Moves)}.");
        var team = Clean(dto.Team);
        var assignee = Clean(dto.Assignee);
        if (move == TriageStates.Assigned && team is null && assignee is null)
            errors.Add("team", "assigned needs a team or an assignee (or both).");
        if (move == TriageStates.Replied && string.IsNullOrWhiteSpace(dto.Note))
            errors.Add("note", "replied by hand needs a note (where or how the brand answered); linked brand replies set it on their own.");
        if (dto.Note?.Length > 2000) errors.Add("note", "note must be at most 2000 characters.");
        if (errors.Any(out problem)) return problem!;
        if (team is not null)
        {
            if (teams.Find(team) is not { } known) return ResponseTimesApi.UnknownTeam(team, teams);
            team = known.Name;
        }
        AuditTrail.SetTarget(http, $"mention {mentionId} {move}");

        var actor = ApiCaller.Of(http)?.Name ?? "unknown";
        var outcome = await support.TriageAsync(new TriageRequest(mentionId, move!, team, assignee, Clean(dto.Note), actor, time.GetUtcNow()), cancellationToken);
        switch (outcome.Result)
        {
            case TriageResult.NotFound:
                return Problems.NotFound($"No mention with id {mentionId}.");
            case TriageResult.NotAllowed:
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Transition not allowed",
                    detail: $"Mention {mentionId} is {outcome.Current}; '{move}' is not allowed from there. Allowed: {string.Join(", ", outcome.Allowed)}.",
                    extensions: new Dictionary<string, object?> { ["current"] = outcome.Current, ["allowed"] = outcome.Allowed });
        }
        await listener.OnTriageChangedAsync(mentionId, outcome.Current!, cancellationToken);
        var mention = await mentions.GetAsync(mentionId, cancellationToken);
        return TypedResults.Ok(mention!.ToDto());
    }

    private static async Task<Results<Ok<MentionHistoryDto>, ProblemHttpResult>> HistoryAsync(
        string id, ISupportStore support, IMentionQueries mentions, CancellationToken cancellationToken)
    {
        if (ParseId(id) is not { } mentionId) return BadId(id);
        if (await mentions.GetAsync(mentionId, cancellationToken) is not { } mention) return Problems.NotFound($"No mention with id {mentionId}.");
        var history = await support.HistoryAsync(mentionId, cancellationToken) ?? [];
        var corrections = await support.CorrectionsAsync(mentionId, cancellationToken);
        var s = mention.Support ?? MentionSupport.New;
        return TypedResults.Ok(new MentionHistoryDto(mentionId, s.Triage, s.Team, s.Assignee, mention.FirstReplyDto(),
            history.Select(h => new TriageEntryDto(h.Id, h.At, h.Actor, h.From, h.To, h.Team, h.Assignee, h.Note)).ToList(),
            corrections.Select(c => c.ToDto()).ToList()));
    }

    internal static long? ParseId(string id) =>
        long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0 ? number : null;

    internal static ProblemHttpResult BadId(string id) =>
        Problems.BadRequest("Invalid mention id", $"'{id}' is not a mention id; ids are positive whole numbers, as in the \"id\" field of GET /api/v1/mentions.");

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
