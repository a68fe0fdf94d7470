using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Core.Watches;
using MentionWatch.Server.Auth;
using MentionWatch.Server.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Api;

/// <summary>/api/v1/watches: what to monitor. Reading needs viewer, changing needs admin.</summary>
internal static class WatchesApi
{
    public static RouteGroupBuilder MapWatchesApi(this RouteGroupBuilder api)
    {
        var watches = api.MapGroup("/watches").WithTags("Watches");
        watches.MapGet("/", ListAsync).WithSummary("Every watch, by name.");
        watches.MapGet("/{name}", GetAsync).WithSummary("One watch; the name is matched ignoring case.").ProducesErrors(404);
        watches.MapPost("/", CreateAsync).RequireRole(ApiRole.Admin).DocumentsBody<WatchDto>()
            .WithSummary("Creates a watch; 409 when one with the same name (ignoring case) exists.").ProducesErrors(400, 409, 413, 415);
        watches.MapPut("/{name}", PutAsync).RequireRole(ApiRole.Admin).DocumentsBody<WatchDto>()
            .WithSummary("Creates or replaces a watch.").ProducesErrors(400, 413, 415);
        watches.MapDelete("/{name}", DeleteAsync).RequireRole(ApiRole.Admin).WithSummary("Deletes a watch.").ProducesErrors(404);
        return api;
    }

    private static async Task<Ok<List<WatchDto>>> ListAsync(WatchService watches, CancellationToken cancellationToken) =>
        TypedResults.Ok((await watches.ListAsync(cancellationToken)).Select(w => w.ToDto()).ToList());

    private static async Task<Results<Ok<WatchDto>, ProblemHttpResult>> GetAsync(
        string name, WatchService watches, WatchRematcher rematcher, Adaptation.WatchAdaptationService adaptations, CancellationToken cancellationToken) =>
        await watches.FindAsync(name, cancellationToken) is { } watch
            ? TypedResults.Ok(watch.ToDto(rematcher.ProgressOf(watch.Name)) with { Adaptation = adaptations.StatusOf(watch.Name) })
            : WatchNames.Unknown([name]);

    private static async Task<Results<Created<WatchDto>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, WatchService watches, IWatchStore store, CancellationToken cancellationToken)
    {
        var (dto, problem) = await JsonBody.ReadAsync<WatchDto>(request, cancellationToken);
        if (problem is not null) return problem;
        if (!TryValidate(dto!, null, out var watch, out problem)) return problem!;
        (watch, problem) = await CompetitorsExistAsync(store, watch, cancellationToken);
        if (problem is not null) return problem;
        AuditTrail.SetTarget(request.HttpContext, $"watch {watch.Name}");
        if (await watches.FindAsync(watch.Name, cancellationToken) is { } existing)
            return Problems.Conflict($"A watch named '{existing.Name}' already exists (names ignore case); use PUT /api/v1/watches/{existing.Name} to change it.");
        (_, watch) = await watches.SaveAsync(watch, cancellationToken);
        return TypedResults.Created($"/api/v1/watches/{Uri.EscapeDataString(watch.Name)}", watch.ToDto());
    }

    private static async Task<Results<Ok<WatchDto>, Created<WatchDto>, ProblemHttpResult>> PutAsync(
        string name, HttpRequest request, WatchService watches, IWatchStore store, CancellationToken cancellationToken)
    {
        var (dto, problem) = await JsonBody.ReadAsync<WatchDto>(request, cancellationToken);
        if (problem is not null) return problem;
        if (!TryValidate(dto!, name, out var watch, out problem)) return problem!;
        (watch, problem) = await CompetitorsExistAsync(store, watch, cancellationToken);
        if (problem is not null) return problem;
        // Names ignore case: PUT /watches/VOLTIK replaces "voltik" and keeps its stored spelling (SaveAsync resolves it).
        var (created, saved) = await watches.SaveAsync(watch, cancellationToken);
        AuditTrail.SetTarget(request.HttpContext, $"watch {saved.Name}");
        return created
            ? TypedResults.Created($"/api/v1/watches/{Uri.EscapeDataString(saved.Name)}", saved.ToDto())
            : TypedResults.Ok(saved.ToDto());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string name, HttpContext http, WatchService watches, CancellationToken cancellationToken)
    {
        if (await watches.FindAsync(name, cancellationToken) is not { } existing) return WatchNames.Unknown([name]);
        AuditTrail.SetTarget(http, $"watch {existing.Name}");
        var namers = (await watches.ListAsync(cancellationToken))
            .Where(w => w.Competitors.Contains(existing.Name, StringComparer.OrdinalIgnoreCase)).Select(w => w.Name).ToList();
        if (namers.Count > 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: $"Watch '{existing.Name}' is named as a competitor by {string.Join(", ", namers.Select(n => $"'{n}'"))}; remove it from their competitors first.",
                extensions: new Dictionary<string, object?> { ["namedBy"] = namers });
        // Followers of the watch list (the adaptation among them: a re-created watch starts from the shipped models) are told by the service.
        return await watches.DeleteAsync(existing.Name, cancellationToken) ? TypedResults.NoContent() : WatchNames.Unknown([name]);
    }

    /// <summary>Through the API a competitor must name an existing watch (400 naming every unknown one); names take the stored spelling.</summary>
    private static async Task<(Watch Watch, ProblemHttpResult? Problem)> CompetitorsExistAsync(IWatchStore store, Watch watch, CancellationToken cancellationToken)
    {
        if (watch.Competitors.Count == 0) return (watch, null);
        var all = await store.ListWatchesAsync(cancellationToken);
        var resolved = new List<string>();
        var errors = new ArgErrors();
        foreach (var competitor in watch.Competitors)
        {
            if (all.FirstOrDefault(w => string.Equals(w.Name, competitor, StringComparison.OrdinalIgnoreCase)) is { } known) resolved.Add(known.Name);
            else errors.Add("competitors", $"competitor '{competitor}' is not a watch; GET /api/v1/watches lists them.");
        }
        return errors.Any(out var problem) ? (watch, problem) : (watch with { Competitors = resolved }, null);
    }

    /// <summary>Checks a watch from the API or configuration with the rules in Core; every problem is listed, a bad query with its position.</summary>
    internal static bool TryValidate(WatchDto dto, string? routeName, out Watch watch, out ProblemHttpResult? problem)
    {
        var (valid, problems) = WatchValidation.Validate(
            new WatchDraft(dto.Name, dto.Query, dto.OwnHandles, dto.Competitors, dto.Noise?.ToNoise()), routeName);
        watch = valid!;
        problem = null;
        if (valid is not null) return true;
        if (problems is [{ QueryError: { } queryError }])
        {
            problem = Problems.InvalidQuery(queryError, "query");
            return false;
        }

        var errors = new ArgErrors();
        foreach (var p in problems) errors.Add(p.Field, p.Message);
        errors.Any(out problem);
        return false;
    }
}
