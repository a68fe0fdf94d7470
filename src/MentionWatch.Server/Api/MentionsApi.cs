using System.Globalization;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Api;

/// <summary>/api/v1/mentions: search, one mention by id, and the live feed.</summary>
internal static class MentionsApi
{
    public static RouteGroupBuilder MapMentionsApi(this RouteGroupBuilder api)
    {
        var mentions = api.MapGroup("/mentions").WithTags("Mentions");
        mentions.MapGet("/", SearchAsync).WithSummary("Newest first, cursor paginated.").ProducesErrors(400, 404, 414);
        mentions.MapGet("/stream", StreamAsync)
            .WithSummary("Server-sent events: each newly stored mention matching the filters, replayed from Last-Event-ID; a comment line when idle.")
            .Produces<MentionDto>(StatusCodes.Status200OK, "text/event-stream").ProducesErrors(400, 404);
        // The id is bound as text so "abc" gets a 400 that says what an id is, not routing's bare 404.
        mentions.MapGet("/{id}", GetAsync).WithSummary("One mention by its id; ?explain=true adds why it was scored so (as /{id}/explain).").ProducesErrors(400, 404, 503);
        return api;
    }

    private static async Task<Results<Ok<MentionPageDto>, ProblemHttpResult>> SearchAsync(
        [AsParameters] MentionFilterArgs args, string? limit, string? cursor,
        IMentionQueries store, IWatchStore watches, Support.TeamRouter teams, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var errors = new ArgErrors();
        var pageSize = errors.Int("limit", limit, 50, 1, options.Value.MaxPageSize);
        if (errors.Any(out var problem)) return problem!;
        (var filter, problem) = await args.ParseAsync(watches, teams, cancellationToken);
        if (problem is not null) return problem;
        MentionPage page;
        try
        {
            page = await store.SearchAsync(filter, pageSize, string.IsNullOrWhiteSpace(cursor) ? null : cursor, cancellationToken);
        }
        catch (InvalidCursorException ex)
        {
            return Problems.BadRequest("Invalid cursor", ex.Message);
        }
        return TypedResults.Ok(new MentionPageDto(page.Items.Select(m => m.ToDto()).ToList(), page.NextCursor));
    }

    private static async Task<Results<Ok<MentionDto>, ProblemHttpResult>> GetAsync(
        string id, string? explain, IMentionQueries store, IMentionExplainer explainer, ISupportStore support, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
            return Problems.BadRequest("Invalid mention id", $"'{id}' is not a mention id; ids are positive whole numbers, as in the \"id\" field of GET /api/v1/mentions.");
        var errors = new ArgErrors();
        var withExplanation = errors.Bool("explain", explain) ?? false;
        if (errors.Any(out var problem)) return problem!;
        if (await store.GetAsync(number, cancellationToken) is not { } mention) return Problems.NotFound($"No mention with id {number}.");
        if (!withExplanation) return TypedResults.Ok(mention.ToDto());
        return await ExplainApi.ExplainAsync(mention, explainer, support, cancellationToken) is { } explanation
            ? TypedResults.Ok(mention.ToDto() with { Explanation = explanation })
            : ExplainApi.NotReady();
    }

    /// <summary>
    /// Everything that can be wrong is checked here, so a bad filter is a 400 (an unknown watch a 404) before any
    /// stream starts. The <c>Last-Event-ID</c> header wins over <c>lastEventId</c>: a browser reconnecting keeps the first URL.
    /// </summary>
    private static async Task<Results<MentionEventStream, ProblemHttpResult>> StreamAsync(
        [AsParameters] MentionFilterArgs args, string? lastEventId, [FromHeader(Name = "Last-Event-ID")] string? lastEventIdHeader,
        LiveFeed feed, IMentionQueries store, IWatchStore watches, Support.TeamRouter teams, [AsParameters] EventStreamServices services,
        CancellationToken cancellationToken)
    {
        var (filter, problem) = await args.ParseAsync(watches, teams, cancellationToken);
        if (problem is not null) return problem;
        var errors = new ArgErrors();
        var after = errors.Arrival(string.IsNullOrWhiteSpace(lastEventIdHeader) ? "lastEventId" : "Last-Event-ID",
            string.IsNullOrWhiteSpace(lastEventIdHeader) ? lastEventId : lastEventIdHeader);
        if (errors.Any(out problem)) return problem!;
        return new MentionEventStream(feed, store, LiveMentionFilter.From(filter, args.Q), after, services);
    }
}
