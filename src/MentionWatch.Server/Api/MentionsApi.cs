using MentionWatch.Core.Storage;
using MentionWatch.Server.Hosting;
using MentionWatch.Server.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Api;

/// <summary>/api/v1/mentions: search, one mention by id, and the live feed.</summary>
internal static class MentionsApi
{
    public static RouteGroupBuilder MapMentionsApi(this RouteGroupBuilder api)
    {
        var mentions = api.MapGroup("/mentions").WithTags("Mentions");
        mentions.MapGet("/", SearchAsync).WithSummary("Newest first, cursor paginated.");
        mentions.MapGet("/stream", Stream).WithSummary("Server-sent events: each newly stored mention; a comment line when idle.")
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

    private static MentionEventStream Stream(
        string? watch, LiveFeed feed, TimeProvider time, IOptions<LiveOptions> live, IHostApplicationLifetime lifetime) =>
        new(feed, string.IsNullOrWhiteSpace(watch) ? null : watch.Trim(), TimeSpan.FromSeconds(live.Value.KeepAliveSeconds), time, lifetime.ApplicationStopping);
}
