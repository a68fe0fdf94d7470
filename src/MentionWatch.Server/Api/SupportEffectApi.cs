using MentionWatch.Core.Storage;
using MentionWatch.Server.Support;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Api;

/// <summary>
/// GET /api/v1/support-effect: of the authors whose negative mention (of the watch, in the period) got a brand reply,
/// how many posted a positive or neutral mention after the reply, against how many had before that mention.
/// Each author counts once, with their first such mention.
/// </summary>
internal static class SupportEffectApi
{
    public static RouteGroupBuilder MapSupportEffectApi(this RouteGroupBuilder api)
    {
        api.MapGet("/support-effect", GetAsync).WithTags("Support")
            .WithSummary("Authors whose negative mention got a brand reply: positive or neutral posts after the reply against before.")
            .ProducesErrors(400, 404);
        return api;
    }

    private static async Task<Results<Ok<SupportEffectDto>, ProblemHttpResult>> GetAsync(
        string? watch, string? from, string? to, IMentionQueries mentions, IAuthorStore authors, IWatchStore watches, TimeProvider time,
        CancellationToken cancellationToken)
    {
        var errors = new ArgErrors();
        var end = errors.Date("to", to) ?? time.GetUtcNow();
        var start = errors.Date("from", from) ?? end - TimeSpan.FromDays(30);
        if (start >= end) errors.Add("from", "from must be before to.");
        if (errors.Any(out var problem)) return problem!;
        var (named, unknown) = await WatchNames.ResolveAsync(watches, watch, cancellationToken);
        if (unknown is not null) return unknown;
        var names = named.Select(w => w.Name).ToList();

        var firstByAuthor = new Dictionary<(string, string), Core.Domain.Mention>();
        var filter = new MentionFilter(Sentiment: "negative", From: start, To: end, Watches: names.Count == 0 ? null : names);
        await foreach (var m in mentions.ExportAsync(filter, cancellationToken))
        {
            if (m.BrandPostOf.Count > 0 || m.Support?.FirstReply is null) continue;
            // Export is newest first, so the last one kept is the author's earliest replied negative mention.
            firstByAuthor[(m.Post.Source, m.Post.Author.Handle.ToLowerInvariant())] = m;
        }

        int after = 0, before = 0, mentionsBefore = 0, goodBefore = 0, mentionsAfter = 0, goodAfter = 0;
        foreach (var negative in firstByAuthor.Values)
        {
            var identities = await authors.IdentitiesAsync(new AuthorIdentity(negative.Post.Source, negative.Post.Author.Handle), cancellationToken);
            var own = (await authors.MentionsByAsync(identities, 10_000, cancellationToken))
                .Where(m => m.BrandPostOf.Count == 0 && m.Id != negative.Id && (names.Count == 0 || m.Watches.Any(names.Contains)))
                .ToList();
            var replyAt = negative.Support!.FirstReply!.At;
            var earlier = own.Where(m => m.Post.CreatedAt < negative.Post.CreatedAt).ToList();
            var later = own.Where(m => m.Post.CreatedAt > replyAt).ToList();
            mentionsBefore += earlier.Count;
            mentionsAfter += later.Count;
            var earlierGood = earlier.Count(IsPositiveOrNeutral);
            var laterGood = later.Count(IsPositiveOrNeutral);
            goodBefore += earlierGood;
            goodAfter += laterGood;
            if (earlierGood > 0) before++;
            if (laterGood > 0) after++;
        }
        var authorsCount = firstByAuthor.Count;
        return TypedResults.Ok(new SupportEffectDto(names.Count == 0 ? null : string.Join(",", names), start, end, authorsCount, after, before,
            ResponseFigures.Share(after, authorsCount), ResponseFigures.Share(before, authorsCount),
            new SupportEffectCountsDto(authorsCount, mentionsBefore, goodBefore, mentionsAfter, goodAfter)));
    }

    private static bool IsPositiveOrNeutral(Core.Domain.Mention m) => m.Sentiment.Label is "positive" or "neutral";
}
