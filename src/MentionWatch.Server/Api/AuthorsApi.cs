using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MentionWatch.Server.Api;

/// <summary>/api/v1/authors: one customer's history across watches and the identities people linked to them (never guessed).</summary>
internal static class AuthorsApi
{
    private const int MaxMentions = 500;

    public static RouteGroupBuilder MapAuthorsApi(this RouteGroupBuilder api)
    {
        var authors = api.MapGroup("/authors").WithTags("Support");
        authors.MapGet("/{source}/{handle}", GetAsync)
            .WithSummary("The author's mentions (and those of linked identities), newest first, with triage states and brand replies, and a summary.")
            .ProducesErrors(404);
        authors.MapPost("/links", LinkAsync).RequireRole(ApiRole.Analyst).DocumentsBody<AuthorLinkDto>()
            .WithSummary("Records that two identities are the same person.").ProducesErrors(400, 404, 415);
        return api;
    }

    private static async Task<Results<Ok<AuthorHistoryDto>, ProblemHttpResult>> GetAsync(
        string source, string handle, IAuthorStore authors, ISupportStore support, CancellationToken cancellationToken)
    {
        var identity = new AuthorIdentity(source.Trim().ToLowerInvariant(), handle.Trim().TrimStart('@'));
        var identities = await authors.IdentitiesAsync(identity, cancellationToken);
        var mentions = await authors.MentionsByAsync(identities, MaxMentions, cancellationToken);
        if (mentions.Count == 0 && identities.Count == 1)
            return Problems.NotFound($"No mentions by @{identity.Handle} on {identity.Source}, and no identity linked to it.");
        var replies = await support.RepliesAsync(mentions.Select(m => m.Id).ToList(), cancellationToken);
        var items = mentions.Select(m => new AuthorMentionDto(m.ToDto(),
            replies.GetValueOrDefault(m.Id, []).Select(r => new BrandReplyDto(r.Id, r.At, MentionMapping.Seconds(m.Post.CreatedAt, r.At))).ToList())).ToList();
        var own = mentions.Where(m => m.BrandPostOf.Count == 0).ToList();
        var summary = new AuthorSummaryDto(
            own.Count,
            own.Count == 0 ? null : Math.Round((double)own.Count(m => m.Sentiment.Label == "negative") / own.Count, 3),
            own.Count(m => m.NeedsReply.Value && TriageStates.IsOpen(m.Support?.Triage ?? TriageStates.New) && m.Support?.Triage != TriageStates.Replied),
            own.Count == 0 ? null : own.Max(m => m.Post.CreatedAt),
            mentions.FirstOrDefault(m => m.Post.Author.Followers is not null)?.Post.Author.Followers);
        return TypedResults.Ok(new AuthorHistoryDto(Ref(identity), identities.Skip(1).Select(Ref).ToList(), summary, items));
    }

    private static async Task<Results<Ok<AuthorHistoryDto>, ProblemHttpResult>> LinkAsync(
        HttpRequest request, IAuthorStore authors, ISupportStore support, TimeProvider time, CancellationToken cancellationToken)
    {
        var (dto, problem) = await JsonBody.ReadAsync<AuthorLinkDto>(request, cancellationToken);
        if (problem is not null) return problem;
        var errors = new ArgErrors();
        var a = Identity(dto!.A, "a", errors);
        var b = Identity(dto.B, "b", errors);
        if (a is not null && b is not null && string.Equals(a.Source, b.Source, StringComparison.OrdinalIgnoreCase)
            && string.Equals(a.Handle, b.Handle, StringComparison.OrdinalIgnoreCase))
            errors.Add("b", "a and b are the same identity.");
        if (errors.Any(out problem)) return problem!;
        AuditTrail.SetTarget(request.HttpContext, $"author link {a!.Source}/{a.Handle} = {b!.Source}/{b.Handle}");
        foreach (var identity in new[] { a, b })
            if ((await authors.MentionsByAsync([identity], 1, cancellationToken)).Count == 0)
                return Problems.NotFound($"No mentions by @{identity.Handle} on {identity.Source}; only authors with stored mentions can be linked.");
        await authors.LinkAsync(a, b, ApiCaller.Of(request.HttpContext)?.Name ?? "unknown", time.GetUtcNow(), cancellationToken);
        return await GetAsync(a.Source, a.Handle, authors, support, cancellationToken);
    }

    private static AuthorIdentity? Identity(AuthorRefDto? dto, string field, ArgErrors errors)
    {
        if (dto is null || string.IsNullOrWhiteSpace(dto.Source) || string.IsNullOrWhiteSpace(dto.Handle))
        {
            errors.Add(field, $"{field} needs a source and a handle.");
            return null;
        }
        return new AuthorIdentity(dto.Source.Trim().ToLowerInvariant(), dto.Handle.Trim().TrimStart('@'));
    }

    private static AuthorRefDto Ref(AuthorIdentity identity) => new() { Source = identity.Source, Handle = identity.Handle };
}
