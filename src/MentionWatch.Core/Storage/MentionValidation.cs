using MentionWatch.Core.Domain;

namespace MentionWatch.Core.Storage;

/// <summary>
/// What every store refuses before it writes anything: a mention missing what the store contract needs. Checked for a
/// whole batch first, so a bad batch stores nothing and moves no cursor, on any backend.
/// </summary>
public static class MentionValidation
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the first broken mention by its index.</summary>
    public static void Validate(IReadOnlyList<Mention?> mentions)
    {
        ArgumentNullException.ThrowIfNull(mentions);
        for (var index = 0; index < mentions.Count; index++)
            if (Problem(mentions[index]) is { } problem) throw new ArgumentException($"mention at index {index} {problem}", nameof(mentions));
    }

    /// <summary>Why the mention cannot be stored, or null.</summary>
    public static string? Problem(Mention? mention) => mention switch
    {
        null => "is null",
        { Post: null } => "has no post",
        { Post.Source: null or "" } => "has no source",
        { Post.ExternalId: null or "" } => "has no external id",
        { Post.Text: null } => "has no text",
        { Post.Author: null } or { Post.Author.Handle: null } => "has no author handle",
        { Lang: null } => "has no language",
        { Watches: null } => "has no watch list",
        { BrandPostOf: null } => "has no brand-post list",
        { Sentiment: null } or { Sentiment.Label: null or "" } => "has no sentiment",
        { NeedsReply: null } => "has no needs-reply score",
        { Watches: var watches } when watches.Any(string.IsNullOrEmpty) => "has an empty or invalid watch name",
        _ => null,
    };
}
