using MentionWatch.Server.Pipeline;
using MentionWatch.Server.Sources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Api;

/// <summary>GET /api/v1/sources: each source's state, last success and error, posts fetched and lag, plus pipeline totals.</summary>
internal static class SourcesApi
{
    public static RouteGroupBuilder MapSourcesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/sources", List).WithTags("Sources").WithSummary("Each source's state, last success and error, posts fetched and lag, plus pipeline totals.");
        return api;
    }

    private static Ok<SourcesDto> List(SourceStatusRegistry registry, PipelineCounters counters) =>
        TypedResults.Ok(new SourcesDto(
            registry.Snapshot()
                .Select(s => new SourceStatusDto(s.Name, s.State, s.LastSuccessAt, s.LastErrorAt, s.LastError, s.PostsFetched, s.Lag?.TotalSeconds))
                .ToList(),
            new PipelineTotalsDto(counters.Accepted, counters.Duplicates, counters.Rejected, counters.StoreFailures)));
}
