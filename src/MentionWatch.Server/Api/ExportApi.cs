using System.Globalization;
using System.Text.Json;
using CsvHelper;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Api;

/// <summary>
/// GET /api/v1/export: every mention matching the /mentions filters as CSV or NDJSON, streamed from the store
/// to the response through small buffers written asynchronously, so memory stays constant however many rows.
/// </summary>
internal static class ExportApi
{
    private const int RowsPerFlush = 500;
    private static readonly string[] CsvHeader =
    [
        "id", "createdAt", "source", "externalId", "url", "authorHandle", "authorName", "authorFollowers", "lang", "watches", "brandPostOf",
        "sentiment", "negative", "neutral", "positive", "needsReply", "needsReplyProbability", "inReplyTo", "repostOf", "text",
        "conversationId", "triage", "team", "assignee", "firstReplyId", "firstReplyAt", "firstReplySeconds",
    ];

    public static RouteGroupBuilder MapExportApi(this RouteGroupBuilder api)
    {
        api.MapGet("/export", Export).RequireRole(ApiRole.Analyst).WithTags("Export")
            .WithSummary("Streams matching mentions as CSV (UTF-8 with BOM, opens in Excel) or NDJSON.").ProducesErrors(400, 404, 414)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv", additionalContentTypes: ["application/x-ndjson"]);
        return api;
    }

    private static async Task<Results<PushStreamHttpResult, ProblemHttpResult>> Export(
        [AsParameters] MentionFilterArgs args, string? format, HttpContext http, IMentionQueries store, IWatchStore watches, Support.TeamRouter teams, TimeProvider time)
    {
        var errors = new ArgErrors();
        var kind = errors.OneOf("format", format, "csv", "ndjson") ?? "csv";
        if (errors.Any(out var problem)) return problem!;
        (var filter, problem) = await args.ParseAsync(watches, teams, http.RequestAborted);
        if (problem is not null) return problem;
        var cancellationToken = http.RequestAborted;
        var fileName = $"mentions-{time.GetUtcNow():yyyyMMdd-HHmmss}.{kind}";
        var mentions = store.ExportAsync(filter, cancellationToken);
        if (kind == "csv")
            return TypedResults.Stream(body => WriteCsvAsync(body, mentions, cancellationToken), "text/csv; charset=utf-8", fileName);
        var options = http.SerializerOptions();
        return TypedResults.Stream(body => WriteNdjsonAsync(body, mentions, options, cancellationToken), "application/x-ndjson; charset=utf-8", fileName);
    }

    private static async Task WriteCsvAsync(Stream body, IAsyncEnumerable<Mention> mentions, CancellationToken cancellationToken)
    {
        // Excel reads a CSV as UTF-8 (Cyrillic intact) only when it starts with the byte-order mark; texts that
        // start with = + - @ get a leading ' so Excel shows them as text instead of running them as formulas.
        var options = new CsvWriterOptions { WriteByteOrderMark = true, Injection = CsvInjection.Escape };
        await using var csv = CsvWriter.Create(body, options, leaveOpen: true);
        foreach (var field in CsvHeader) csv.WriteField(field);
        await csv.EndRecordAsync(cancellationToken);
        var rows = 0;
        await foreach (var m in mentions.WithCancellation(cancellationToken))
        {
            WriteFields(csv, m);
            await csv.EndRecordAsync(cancellationToken);
            if (++rows % RowsPerFlush == 0) await csv.FlushAsync(cancellationToken);
        }
        await csv.FlushAsync(cancellationToken);
    }

    private static void WriteFields(CsvWriter csv, Mention m)
    {
        var inv = CultureInfo.InvariantCulture;
        csv.WriteField(m.Id.ToString(inv));
        csv.WriteField(m.Post.CreatedAt.ToString("O", inv));
        csv.WriteField(m.Post.Source);
        csv.WriteField(m.Post.ExternalId);
        csv.WriteField(m.Post.Url);
        csv.WriteField(m.Post.Author.Handle);
        csv.WriteField(m.Post.Author.Name);
        csv.WriteField(m.Post.Author.Followers?.ToString(inv));
        csv.WriteField(m.Lang);
        csv.WriteField(string.Join(';', m.Watches));
        csv.WriteField(string.Join(';', m.BrandPostOf));
        csv.WriteField(m.Sentiment.Label);
        csv.WriteField(m.Sentiment.Negative.ToString("0.####", inv));
        csv.WriteField(m.Sentiment.Neutral.ToString("0.####", inv));
        csv.WriteField(m.Sentiment.Positive.ToString("0.####", inv));
        csv.WriteField(m.NeedsReply.Value ? "true" : "false");
        csv.WriteField(m.NeedsReply.Probability.ToString("0.####", inv));
        csv.WriteField(m.Post.InReplyTo);
        csv.WriteField(m.Post.RepostOf);
        csv.WriteField(m.Post.Text);
        csv.WriteField(m.Post.ConversationId);
        csv.WriteField(m.Support?.Triage ?? TriageStates.New);
        csv.WriteField(m.Support?.Team);
        csv.WriteField(m.Support?.Assignee);
        var reply = m.FirstReplyDto();
        csv.WriteField(reply?.Id.ToString(inv));
        csv.WriteField(reply?.At.ToString("O", inv));
        csv.WriteField(reply?.Seconds.ToString(inv));
    }

    private static async Task WriteNdjsonAsync(Stream body, IAsyncEnumerable<Mention> mentions, JsonSerializerOptions options, CancellationToken cancellationToken)
    {
        using var chunk = new MemoryStream();
        var rows = 0;
        await foreach (var m in mentions.WithCancellation(cancellationToken))
        {
            JsonSerializer.Serialize(chunk, m.ToDto(), options);
            chunk.WriteByte((byte)'\n');
            if (++rows % RowsPerFlush == 0) await CopyChunkAsync(chunk, body, cancellationToken);
        }
        await CopyChunkAsync(chunk, body, cancellationToken);
    }

    private static async Task CopyChunkAsync(MemoryStream chunk, Stream body, CancellationToken cancellationToken)
    {
        if (chunk.Length == 0) return;
        await body.WriteAsync(chunk.GetBuffer().AsMemory(0, (int)chunk.Length), cancellationToken);
        await body.FlushAsync(cancellationToken);
        chunk.SetLength(0);
    }
}
