using MentionWatch.Core.Storage;
using MentionWatch.Server.Insights;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Api;

/// <summary>GET /api/v1/insights/complaints: the words that stand out in a watch's negative mentions over a period.</summary>
internal static class InsightsApi
{
    public static RouteGroupBuilder MapInsightsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/insights/complaints", ComplaintsAsync).WithTags("Trends")
            .WithSummary("What people complain about: words much more common in the negative mentions than in all mentions (JLH score), newest 20,000 of each at most.")
            .ProducesErrors(400, 404);
        return api;
    }

    private static async Task<Results<Ok<ComplaintTermsDto>, ProblemHttpResult>> ComplaintsAsync(
        string? watch, string? from, string? to, string? lang, string? source, string? limit,
        IComplaintTermsQuery complaints, IWatchStore watches, TimeProvider time, CancellationToken cancellationToken)
    {
        var errors = new ArgErrors();
        var end = errors.Date("to", to) ?? time.GetUtcNow();
        var start = errors.Date("from", from) ?? end - TimeSpan.FromDays(7);
        if (start >= end) errors.Add("from", "from must be before to.");
        var top = errors.Int("limit", limit, 20, 1, 100);
        if (errors.Any(out var problem)) return problem!;
        var (named, unknown) = await WatchNames.ResolveAsync(watches, watch, cancellationToken);
        if (unknown is not null) return unknown;

        var names = named.Select(w => w.Name).ToList();
        var filter = new MentionFilter(From: start, To: end, Watches: names.Count == 0 ? null : names,
            Lang: string.IsNullOrWhiteSpace(lang) ? null : lang.Trim(), Source: string.IsNullOrWhiteSpace(source) ? null : source.Trim());
        var result = await complaints.ComplaintTermsAsync(new ComplaintTermsRequest(filter, ComplaintTerms.Excluded(named), top), cancellationToken);
        return TypedResults.Ok(new ComplaintTermsDto(names.Count == 0 ? null : string.Join(",", names), start, end,
            result.NegativeMentions, result.Mentions, result.Sampled,
            result.Terms.Select(t => new ComplaintTermDto(t.Term, t.Negative, t.All, t.Score, t.ExampleMentionId)).ToList()));
    }
}

/// <summary>The words behind a watch's complaints; <c>sampled</c> is true when only the newest mentions were read.</summary>
public sealed record ComplaintTermsDto(
    string? Watch, DateTimeOffset From, DateTimeOffset To, int NegativeMentions, int Mentions, bool Sampled, IReadOnlyList<ComplaintTermDto> Terms);

/// <summary>A word: in how many negative mentions and how many mentions it appears, its score, and one negative mention that has it.</summary>
public sealed record ComplaintTermDto(string Term, int Negative, int All, double Score, long ExampleMentionId);
