using System.Text;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Auth;
using MentionWatch.Server.Support;
using MentionWatch.Server.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Api;

/// <summary>
/// PUT /api/v1/mentions/{id}/labels (labels corrected by hand) and GET /api/v1/corrections (their export in the
/// training format of <c>mentionwatch train --train-extra</c>).
/// </summary>
internal static class CorrectionsApi
{
    private static readonly string[] Sentiments = ["negative", "neutral", "positive"];

    /// <summary>The task names of <c>mentionwatch train</c> and the label each corrected field becomes there.</summary>
    private const string SentimentTask = "sentiment", NeedsReplyTask = "needs-reply";

    public static RouteGroupBuilder MapCorrectionsApi(this RouteGroupBuilder api)
    {
        api.MapPut("/mentions/{id}/labels", PutLabelsAsync).RequireRole(ApiRole.Analyst).DocumentsBody<LabelCorrectionDto>().WithTags("Support")
            .WithSummary("Corrects a mention's sentiment and/or needs-reply label (who, when, old -> new kept in its history); trends keep the original counts.")
            .ProducesErrors(400, 404, 415);
        api.MapGet("/corrections", ExportAsync).WithTags("Support")
            .WithSummary("Corrected labels (latest per mention and field), as JSON or format=tsv: text, label, task columns for mentionwatch train --train-extra.")
            .Produces<string>(StatusCodes.Status200OK, "text/tab-separated-values").ProducesErrors(400, 404);
        return api;
    }

    private static async Task<Results<Ok<LabelCorrectionResultDto>, ProblemHttpResult>> PutLabelsAsync(
        string id, HttpContext http, ILabelCorrectionStore labels, TimeProvider time, CancellationToken cancellationToken)
    {
        if (TriageApi.ParseId(id) is not { } mentionId) return TriageApi.BadId(id);
        AuditTrail.SetTarget(http, $"mention {mentionId} labels");
        var (dto, problem) = await JsonBody.ReadAsync<LabelCorrectionDto>(http.Request, cancellationToken);
        if (problem is not null) return problem;
        var errors = new ArgErrors();
        string? sentiment = null;
        if (dto!.Sentiment is not null)
        {
            sentiment = Sentiments.FirstOrDefault(s => s.Equals(dto.Sentiment.Trim(), StringComparison.OrdinalIgnoreCase));
            if (sentiment is null) errors.Add("sentiment", $"'{dto.Sentiment}' is not a sentiment label; use one of {string.Join(", ", Sentiments)}.");
        }
        if (dto.Sentiment is null && dto.NeedsReply is null) errors.Add("sentiment", "give sentiment, needsReply or both.");
        if (dto.Note?.Length > 2000) errors.Add("note", "note must be at most 2000 characters.");
        if (errors.Any(out problem)) return problem!;

        var actor = ApiCaller.Of(http)?.Name ?? "unknown";
        var note = string.IsNullOrWhiteSpace(dto.Note) ? null : dto.Note.Trim();
        var outcome = await labels.CorrectLabelsAsync(new LabelCorrectionRequest(mentionId, sentiment, dto.NeedsReply, note, actor, time.GetUtcNow()), cancellationToken);
        if (outcome is null) return Problems.NotFound($"No mention with id {mentionId}.");
        return TypedResults.Ok(new LabelCorrectionResultDto(outcome.Mention.ToDto(), outcome.Changes.Select(c => c.ToDto()).ToList()));
    }

    private static async Task<Results<Ok<List<CorrectedTextDto>>, ContentHttpResult, ProblemHttpResult>> ExportAsync(
        string? watch, string? format, string? task, ILabelCorrectionStore labels, IWatchStore watches, CancellationToken cancellationToken)
    {
        var errors = new ArgErrors();
        var kind = errors.OneOf("format", format, "json", "tsv") ?? "json";
        var only = errors.OneOf("task", task, SentimentTask, NeedsReplyTask);
        if (errors.Any(out var problem)) return problem!;
        string? name = null;
        if (!string.IsNullOrWhiteSpace(watch))
        {
            if (await WatchNames.FindAsync(watches, watch, cancellationToken) is not { } found) return Problems.NotFound($"No watch named '{watch.Trim()}'.");
            name = found.Name;
        }
        var rows = (await labels.CorrectedTextsAsync(name, cancellationToken))
            .Select(c => c.Field == "sentiment"
                ? new CorrectedTextDto(c.MentionId, SentimentTask, c.Value, c.Text, c.Watches)
                : new CorrectedTextDto(c.MentionId, NeedsReplyTask, c.Value == "true" ? "1" : "0", c.Text, c.Watches))
            .Where(c => only is null || c.Task == only)
            .ToList();
        if (kind == "json") return TypedResults.Ok(rows);
        // One line per post and field; tabs and line breaks in a text would split its row, so they become spaces.
        var tsv = new StringBuilder("text\tlabel\ttask\n");
        foreach (var r in rows)
            tsv.Append(Flatten(r.Text)).Append('\t').Append(r.Label).Append('\t').Append(r.Task).Append('\n');
        return TypedResults.Text(tsv.ToString(), "text/tab-separated-values; charset=utf-8");
    }

    private static string Flatten(string text) => text.ReplaceLineEndings(" ").Replace('\t', ' ').Trim();
}
