using MentionWatch.Server.Pipeline;
using MentionWatch.Server.Sources;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Api;

/// <summary>GET /api/v1/sources: each source's and each of its watches' health, plus pipeline totals.</summary>
internal static class SourcesApi
{
    public static RouteGroupBuilder MapSourcesApi(this RouteGroupBuilder api)
    {
        api.MapGet("/sources", List).WithTags("Sources")
            .WithSummary("Each source's and watch's state (idle, ok, degraded, failing, disabled), last success and error, posts fetched and in the last hour, lag, consecutive failures, gaps and permanent failure, plus pipeline totals.");
        return api;
    }

    private static Ok<SourcesDto> List(SourceStatusRegistry registry, PipelineCounters counters) =>
        TypedResults.Ok(new SourcesDto(
            registry.Snapshot().Select(s => s.ToDto()).ToList(),
            new PipelineTotalsDto(counters.Accepted, counters.Duplicates, counters.Rejected, counters.StoreFailures)));
}
