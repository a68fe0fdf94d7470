using System.Text.Json;
using MentionWatch.Core.Domain;
using MentionWatch.Server.Auth;
using MentionWatch.Server.Hosting;
using MentionWatch.Server.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Api;

/// <summary>POST /api/v1/ingest: push posts as a JSON array or NDJSON.</summary>
internal static class IngestApi
{
    public static RouteGroupBuilder MapIngestApi(this RouteGroupBuilder api)
    {
        api.MapPost("/ingest", IngestAsync)
            .RequireRole(ApiRole.Analyst)
            .DocumentsBody<IngestPostDto[]>("application/json", "application/x-ndjson")
            .WithTags("Ingest")
            .WithSummary("Stores posts; answers once the accepted ones are durable.")
            .ProducesErrors(400, 413, 415, 503);
        return api;
    }

    private static async Task<Results<Ok<IngestResultDto>, ProblemHttpResult>> IngestAsync(
        HttpContext http, IMentionPipeline pipeline, IWatchMatching watches, IOptions<ApiOptions> apiOptions, CancellationToken cancellationToken)
    {
        var request = http.Request;
        var ndjson = request.ContentType is { } type &&
            (type.StartsWith("application/x-ndjson", StringComparison.OrdinalIgnoreCase) || type.StartsWith("application/jsonl", StringComparison.OrdinalIgnoreCase));
        if (!ndjson && !request.HasJsonContentType())
        {
            return Problems.Status(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type",
                "Send a JSON array as application/json or one post per line as application/x-ndjson.");
        }

        List<IngestBodyReader.Item> items;
        try
        {
            using var body = await IngestBodyReader.ReadAllAsync(request.BodyReader, cancellationToken);
            var options = http.SerializerOptions();
            items = ndjson ? IngestBodyReader.ParseNdjson(body.Bytes, options) : IngestBodyReader.ParseArray(body.Bytes, options);
        }
        catch (BadHttpRequestException ex)
        {
            return JsonBody.BodyProblem(ex);
        }
        catch (JsonException ex)
        {
            return Problems.BadRequest("Invalid JSON", JsonBody.Describe(ex));
        }
        var max = apiOptions.Value.MaxPostsPerIngest;
        if (items.Count > max)
            return Problems.Status(StatusCodes.Status413PayloadTooLarge, "Too many posts", $"One request may carry at most {max} posts (Api:MaxPostsPerIngest); this one has {items.Count}.");

        var caller = ApiCaller.Of(http)!;
        var rejected = new List<IngestRejectionDto>();
        var posts = new List<Post>(items.Count);
        var originalIndex = new List<int>(items.Count);
        foreach (var item in items)
        {
            var error = item.Post is null ? item.Error ?? "Invalid item." : SourceClaims.Refusal(caller, item.Post, watches);
            if (item.Post is null || error is not null)
            {
                rejected.Add(new IngestRejectionDto(item.Index, error!));
                continue;
            }
            posts.Add(item.Post.ToPost());
            originalIndex.Add(item.Index);
        }

        PipelineResult result;
        try
        {
            result = await pipeline.SubmitAsync(posts, [], cancellationToken);
        }
        catch (PipelineStoreException ex)
        {
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Store unavailable", ex.Message);
        }
        catch (PipelineUnavailableException ex)
        {
            return Problems.Status(StatusCodes.Status503ServiceUnavailable, "Service stopping", ex.Message);
        }
        rejected.AddRange(result.Rejected.Select(r => new IngestRejectionDto(originalIndex[r.Index], r.Error)));
        rejected.Sort((a, b) => a.Index.CompareTo(b.Index));
        AuditTrail.SetTarget(http, $"{items.Count} posts: {result.Accepted} accepted, {result.Duplicates} duplicates, {rejected.Count} rejected");
        return TypedResults.Ok(new IngestResultDto(result.Accepted, result.Duplicates, rejected));
    }
}
