using MentionWatch.Core.Domain;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>Rejects a batch with a broken mention before anything is sent, so a bad batch stores nothing and moves no cursor.</summary>
internal static class MentionValidation
{
    public static void Validate(IReadOnlyList<Mention> mentions)
    {
        for (var index = 0; index < mentions.Count; index++)
        {
            var problem = mentions[index] switch
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
                { Watches: var watches } when watches.Any(string.IsNullOrEmpty) => "has an empty watch name",
                _ => null,
            };
            if (problem is not null) throw new ArgumentException($"mention at index {index} {problem}", nameof(mentions));
        }
    }
}
