using System.Text.RegularExpressions;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Auth;
using MentionWatch.Server.Hosting;
using MentionWatch.Server.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Api;

/// <summary>/api/v1/watches: what to monitor. Reading needs viewer, changing needs admin.</summary>
internal static partial class WatchesApi
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

    private static async Task<Ok<List<WatchDto>>> ListAsync(IWatchStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListWatchesAsync(cancellationToken)).Select(w => w.ToDto()).ToList());

    private static async Task<Results<Ok<WatchDto>, ProblemHttpResult>> GetAsync(
        string name, IWatchStore store, WatchRematcher rematcher, Adaptation.WatchAdaptationService adaptations, CancellationToken cancellationToken) =>
        await WatchNames.FindAsync(store, name, cancellationToken) is { } watch
            ? TypedResults.Ok(watch.ToDto(rematcher.ProgressOf(watch.Name)) with { Adaptation = adaptations.StatusOf(watch.Name) })
            : WatchNames.Unknown([name]);

    private static async Task<Results<Created<WatchDto>, ProblemHttpResult>> CreateAsync(
        HttpRequest request, IWatchStore store, WatchCatalog catalog, WatchRematcher rematcher, CancellationToken cancellationToken)
    {
        var (dto, problem) = await JsonBody.ReadAsync<WatchDto>(request, cancellationToken);
        if (problem is not null) return problem;
        if (!TryValidate(dto!, null, out var watch, out problem)) return problem!;
        (watch, problem) = await CompetitorsExistAsync(store, watch, cancellationToken);
        if (problem is not null) return problem;
        AuditTrail.SetTarget(request.HttpContext, $"watch {watch.Name}");
        if (await WatchNames.FindAsync(store, watch.Name, cancellationToken) is { } existing)
            return Problems.Conflict($"A watch named '{existing.Name}' already exists (names ignore case); use PUT /api/v1/watches/{existing.Name} to change it.");
        await store.UpsertWatchAsync(watch, cancellationToken);
        await catalog.ReloadAsync(cancellationToken);
        rematcher.Rematch(watch);
        return TypedResults.Created($"/api/v1/watches/{Uri.EscapeDataString(watch.Name)}", watch.ToDto());
    }

    private static async Task<Results<Ok<WatchDto>, Created<WatchDto>, ProblemHttpResult>> PutAsync(
        string name, HttpRequest request, IWatchStore store, WatchCatalog catalog, WatchRematcher rematcher, CancellationToken cancellationToken)
    {
        var (dto, problem) = await JsonBody.ReadAsync<WatchDto>(request, cancellationToken);
        if (problem is not null) return problem;
        if (!TryValidate(dto!, name, out var watch, out problem)) return problem!;
        (watch, problem) = await CompetitorsExistAsync(store, watch, cancellationToken);
        if (problem is not null) return problem;
        // Names ignore case: PUT /watches/VOLTIK replaces "voltik" and keeps its stored spelling.
        if (await WatchNames.FindAsync(store, watch.Name, cancellationToken) is { } existing) watch = watch with { Name = existing.Name };
        AuditTrail.SetTarget(request.HttpContext, $"watch {watch.Name}");
        var created = await store.UpsertWatchAsync(watch, cancellationToken);
        await catalog.ReloadAsync(cancellationToken);
        rematcher.Rematch(watch);
        return created
            ? TypedResults.Created($"/api/v1/watches/{Uri.EscapeDataString(watch.Name)}", watch.ToDto())
            : TypedResults.Ok(watch.ToDto());
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string name, HttpContext http, IWatchStore store, WatchCatalog catalog, WatchRematcher rematcher, Adaptation.WatchAdaptationService adaptations,
        CancellationToken cancellationToken)
    {
        if (await WatchNames.FindAsync(store, name, cancellationToken) is not { } existing) return WatchNames.Unknown([name]);
        AuditTrail.SetTarget(http, $"watch {existing.Name}");
        var namers = (await store.ListWatchesAsync(cancellationToken))
            .Where(w => w.Competitors.Contains(existing.Name, StringComparer.OrdinalIgnoreCase)).Select(w => w.Name).ToList();
        if (namers.Count > 0)
            return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                detail: $"Watch '{existing.Name}' is named as a competitor by {string.Join(", ", namers.Select(n => $"'{n}'"))}; remove it from their competitors first.",
                extensions: new Dictionary<string, object?> { ["namedBy"] = namers });
        if (!await store.DeleteWatchAsync(existing.Name, cancellationToken)) return WatchNames.Unknown([name]);
        await catalog.ReloadAsync(cancellationToken);
        rematcher.Untag(existing.Name);
        // A watch created again later under the same name starts from the shipped models, not from old corrections' delta.
        await adaptations.RollbackAsync(existing.Name, cancellationToken);
        return TypedResults.NoContent();
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

    /// <summary>Checks a watch from the API or configuration; every problem is listed.</summary>
    internal static bool TryValidate(WatchDto dto, string? routeName, out Watch watch, out ProblemHttpResult? problem)
    {
        watch = null!;
        var errors = new ArgErrors();
        var name = dto.Name?.Trim() ?? "";
        if (!NamePattern().IsMatch(name))
            errors.Add("name", $"name '{dto.Name}' must be 1-64 characters of letters, digits, '-' or '_', starting with a letter or digit.");
        if (routeName is not null && !string.Equals(routeName, name, StringComparison.OrdinalIgnoreCase))
            errors.Add("name", $"name '{dto.Name}' in the body differs from '{routeName}' in the URL; renaming is not supported.");
        if (string.IsNullOrWhiteSpace(dto.Query)) errors.Add("query", "query is required.");
        var handles = (dto.OwnHandles ?? []).Select(h => h?.Trim().TrimStart('@') ?? "").ToList();
        if (handles.Any(h => h.Length == 0 || h.Any(char.IsWhiteSpace))) errors.Add("ownHandles", "ownHandles must be non-empty handles without spaces.");
        var competitors = (dto.Competitors ?? []).Select(c => c?.Trim() ?? "").ToList();
        if (competitors.Any(c => !NamePattern().IsMatch(c))) errors.Add("competitors", "competitors must be watch names.");
        if (competitors.Contains(name, StringComparer.OrdinalIgnoreCase)) errors.Add("competitors", "A watch cannot be its own competitor.");
        if (errors.Any(out problem)) return false;
        if (!QueryText.TryParse(dto.Query, "query", out _, out problem)) return false;
        watch = new Watch(name, dto.Query.Trim(), handles.Distinct(StringComparer.OrdinalIgnoreCase).ToList(), competitors.Distinct(StringComparer.OrdinalIgnoreCase).ToList());
        return true;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex NamePattern();
}
