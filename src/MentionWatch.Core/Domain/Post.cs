namespace MentionWatch.Core.Domain;

/// <summary>The author of a post as the source reported it.</summary>
public sealed record Author(string? Id, string Handle, string? Name = null, long? Followers = null);

/// <summary>
/// A public post as a source delivered it, before classification. (Source, ExternalId) identifies it:
/// the same pair is stored once. <see cref="ConversationId"/> is the source's thread id (on X the root tweet's id),
/// used to link a brand's reply to the mention it answers.
/// </summary>
public sealed record Post(
    string Source,
    string ExternalId,
    string Text,
    DateTimeOffset CreatedAt,
    Author Author,
    string? Url = null,
    string? Lang = null,
    string? InReplyTo = null,
    string? RepostOf = null,
    string? ConversationId = null);
