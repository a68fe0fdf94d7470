using MentionWatch.Core.Storage;
using MentionWatch.Server.Hosting;
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
        mentions.MapGet("/", SearchAsync).WithSummary("Newest first, cursor paginated.");
        mentions.MapGet("/stream", Stream).WithSummary("Server-sent events: each newly stored mention matching the filters, replayed from Last-Event-ID; a comment line when idle.")
            .Produces<MentionDto>(StatusCodes.Status200OK, "text/event-stream");
        mentions.MapGet("/{id:long}", GetAsync);
        return api;
    }

    private static async Task<Results<Ok<MentionPageDto>, ProblemHttpResult>> SearchAsync(
        [AsParameters] MentionFilterArgs args, string? limit, string? cursor,
        IMentionStore store, IOptions<ApiOptions> options, CancellationToken cancellationToken)
    {
        var errors = new ArgErrors();
        var pageSize = errors.Int("limit", limit, 50, 1, options.Value.MaxPageSize);
        if (errors.Any(out var problem)) return problem!;
        if (!args.TryParse(out var filter, out problem)) return problem!;
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

    private static async Task<Results<Ok<MentionDto>, ProblemHttpResult>> GetAsync(long id, IMentionStore store, CancellationToken cancellationToken) =>
        await store.GetAsync(id, cancellationToken) is { } mention ? TypedResults.Ok(mention.ToDto()) : Problems.NotFound($"No mention with id {id}.");

    /// <summary>
    /// Everything that can be wrong is checked here, so a bad filter is a 400 before any stream starts. The
    /// <c>Last-Event-ID</c> header wins over <c>lastEventId</c>: a browser reconnecting keeps the first URL.
    /// </summary>
    private static Results<MentionEventStream, ProblemHttpResult> Stream(
        [AsParameters] MentionFilterArgs args, string? lastEventId, [FromHeader(Name = "Last-Event-ID")] string? lastEventIdHeader,
        LiveFeed feed, IMentionStore store, [AsParameters] EventStreamServices services)
    {
        if (!args.TryParse(out var filter, out var problem)) return problem!;
        var errors = new ArgErrors();
        var after = errors.Arrival(string.IsNullOrWhiteSpace(lastEventIdHeader) ? "lastEventId" : "Last-Event-ID",
            string.IsNullOrWhiteSpace(lastEventIdHeader) ? lastEventId : lastEventIdHeader);
        if (errors.Any(out problem)) return problem!;
        return new MentionEventStream(feed, store, LiveMentionFilter.From(filter, args.Q), after, services);
    }
}
