using MentionWatch.Classification;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Pipeline;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Api;

/// <summary>GET /api/v1/mentions/{id}/explain: "why was this flagged", the features behind both scores in words.</summary>
internal static class ExplainApi
{
    /// <summary>Reasons per score: enough for an agent to see the pattern, few enough to read at a glance.</summary>
    public const int TopReasons = 5;

    public static RouteGroupBuilder MapExplainApi(this RouteGroupBuilder api)
    {
        api.MapGet("/mentions/{id}/explain", GetAsync).WithTags("Mentions")
            .WithSummary("Why a mention was scored so: the top features behind its needs-reply and sentiment scores, in words, and the brand-post rule.")
            .ProducesErrors(400, 404, 503);
        return api;
    }

    private static async Task<Results<Ok<ExplanationDto>, ProblemHttpResult>> GetAsync(
        string id, IMentionQueries store, IMentionExplainer explainer, ISupportStore support, CancellationToken cancellationToken)
    {
        if (TriageApi.ParseId(id) is not { } mentionId) return TriageApi.BadId(id);
        if (await store.GetAsync(mentionId, cancellationToken) is not { } mention) return Problems.NotFound($"No mention with id {mentionId}.");
        return await ExplainAsync(mention, explainer, support, cancellationToken) is { } dto ? TypedResults.Ok(dto) : NotReady();
    }

    /// <summary>The explanation of a stored mention; null while the models are not loaded.</summary>
    public static async Task<ExplanationDto?> ExplainAsync(Mention mention, IMentionExplainer explainer, ISupportStore support, CancellationToken cancellationToken)
    {
        if (explainer.Explain(mention.Post, TopReasons) is not { } e) return null;
        var corrections = await support.CorrectionsAsync(mention.Id, cancellationToken);
        var rule = mention.BrandPostOf.Count > 0
            ? new BrandPostRuleDto(mention.BrandPostOf,
                $"A brand's own post never needs its support team's reply: posted by {string.Join(", ", mention.BrandPostOf)}, so needs-reply is false whatever the model says.")
            : null;
        return new ExplanationDto(mention.Id, Reasons(e.NeedsReplyReasons),
            new SentimentExplanationDto(e.Sentiment, Math.Round(e.SentimentProbability, 4), Reasons(e.SentimentReasons)),
            new ModelVerdictDto(e.Sentiment, e.NeedsReply, Math.Round(e.NeedsReplyProbability, 4), e.Language),
            rule, corrections.Select(c => c.ToDto()).ToList());
    }

    public static ProblemHttpResult NotReady() =>
        Problems.Status(StatusCodes.Status503ServiceUnavailable, "Models not loaded", "The classification models are not loaded yet; try again once /readyz is ready.");

    private static List<ReasonDto> Reasons(IReadOnlyList<ScoreReason> reasons) =>
        reasons.Select(r => new ReasonDto(r.Description, Math.Round(r.Contribution, 3), r.Feature)).ToList();
}
