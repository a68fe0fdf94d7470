using MentionWatch.Core.Domain;

namespace MentionWatch.Core.Watches;

/// <summary>A watch as a user wrote it (API body or configuration), before <see cref="WatchValidation"/> checks it.</summary>
public sealed record WatchDraft(
    string? Name, string? Query, IReadOnlyList<string?>? OwnHandles = null, IReadOnlyList<string?>? Competitors = null, WatchNoise? Noise = null);

/// <summary>
/// One thing wrong with a draft: the field (as the API names it) and a message a user understands; a query that does
/// not parse also carries the parser's error, so the API can point at the position.
/// </summary>
public sealed record WatchProblem(string Field, string Message, Query.QuerySyntaxException? QueryError = null);
