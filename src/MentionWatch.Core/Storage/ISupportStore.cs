using MentionWatch.Core.Domain;

namespace MentionWatch.Core.Storage;

/// <summary>
/// Triage, history, classifier corrections, brand replies and the per-mention rows behind response-time figures.
/// Brand replies are linked by the mention writer in the store transaction; this contract reads them.
/// </summary>
public interface ISupportStore
{
    /// <summary>
    /// Moves a mention's triage state in one transaction with its history entry (and, for <c>ignored</c>, a needs-reply
    /// correction). The move is checked against <see cref="TriageStates.AllowedFrom"/> on the stored state.
    /// </summary>
    Task<TriageOutcome> TriageAsync(TriageRequest request, CancellationToken cancellationToken);

    /// <summary>The mention's triage history, oldest first; null for an unknown mention.</summary>
    Task<IReadOnlyList<TriageEntry>?> HistoryAsync(long mentionId, CancellationToken cancellationToken);

    /// <summary>Corrections recorded for the classifier, oldest first.</summary>
    Task<IReadOnlyList<Correction>> CorrectionsAsync(long mentionId, CancellationToken cancellationToken);

    /// <summary>Every brand reply linked to each mention, by post time.</summary>
    Task<IReadOnlyDictionary<long, IReadOnlyList<BrandReply>>> RepliesAsync(IReadOnlyList<long> mentionIds, CancellationToken cancellationToken);

    /// <summary>Needs-reply mentions (not brand posts) created in the period, oldest first, for response-time figures.</summary>
    Task<IReadOnlyList<ResponseRow>> ResponseRowsAsync(ResponseQuery query, CancellationToken cancellationToken);
}

public sealed record TriageRequest(long MentionId, string Move, string? Team, string? Assignee, string? Note, string Actor, DateTimeOffset At)
{
    /// <summary>
    /// The label correction this move implies, recorded beside it by every store: "no reply needed" is a needs-reply
    /// label the classifier got wrong (when it said yes), kept for retraining. Null for every other move.
    /// </summary>
    public Correction? ImpliedCorrection(bool needsReplyBefore) => Move == TriageStates.Ignored
        ? new Correction(MentionId, "needsReply", LabelCorrectionRequest.Bool(needsReplyBefore), LabelCorrectionRequest.Bool(false), Actor, At)
        : null;
}

public enum TriageResult { Changed, NotFound, NotAllowed }

/// <summary>The outcome; <see cref="Current"/> is the state before (NotAllowed) or after (Changed) the move.</summary>
public sealed record TriageOutcome(TriageResult Result, string? Current, IReadOnlyList<string> Allowed, MentionSupport? Support = null);

public sealed record TriageEntry(long Id, DateTimeOffset At, string? Actor, string From, string To, string? Team, string? Assignee, string? Note);

public sealed record Correction(long MentionId, string Field, string OldValue, string NewValue, string? Actor, DateTimeOffset At, string? Note = null);

/// <summary>Labels corrected by hand: the mention row, its search document and a corrections row per changed field, in one transaction.</summary>
public interface ILabelCorrectionStore
{
    /// <summary>
    /// Sets the given labels (null = keep); null for an unknown mention. Rollups keep the classifier's original counts.
    /// Fields that already had the value record nothing.
    /// </summary>
    Task<LabelCorrectionOutcome?> CorrectLabelsAsync(LabelCorrectionRequest request, CancellationToken cancellationToken);

    /// <summary>The current corrected value of each corrected field, with the mention's text, oldest correction first.</summary>
    Task<IReadOnlyList<CorrectedText>> CorrectedTextsAsync(string? watch, CancellationToken cancellationToken);
}

/// <summary><see cref="Sentiment"/> is negative, neutral or positive (checked by the caller).</summary>
public sealed record LabelCorrectionRequest(long MentionId, string? Sentiment, bool? NeedsReply, string? Note, string Actor, DateTimeOffset At)
{
    /// <summary>
    /// The mention as this request corrects it, and one <see cref="Correction"/> per field it changes (none when it
    /// repeats the current labels). A corrected label is certain: its probability becomes 1 (or 0), so a stored mention
    /// never contradicts itself. Every store applies corrections through this, so they agree on what one means.
    /// </summary>
    public (Mention Corrected, IReadOnlyList<Correction> Changes) ApplyTo(Mention mention)
    {
        ArgumentNullException.ThrowIfNull(mention);
        var sentiment = Sentiment is { } label && label != mention.Sentiment.Label
            ? new SentimentScore(label, label == "negative" ? 1f : 0f, label == "neutral" ? 1f : 0f, label == "positive" ? 1f : 0f)
            : mention.Sentiment;
        var needsReply = NeedsReply is { } value && value != mention.NeedsReply.Value
            ? new NeedsReplyScore(value, value ? 1f : 0f)
            : mention.NeedsReply;
        var changes = new List<Correction>();
        if (sentiment != mention.Sentiment)
            changes.Add(new Correction(mention.Id, "sentiment", mention.Sentiment.Label, sentiment.Label, Actor, At, Note));
        if (needsReply != mention.NeedsReply)
            changes.Add(new Correction(mention.Id, "needsReply", Bool(mention.NeedsReply.Value), Bool(needsReply.Value), Actor, At, Note));
        return (mention with { Sentiment = sentiment, NeedsReply = needsReply }, changes);
    }

    /// <summary>How a needs-reply value is written in a <see cref="Correction"/>.</summary>
    public static string Bool(bool value) => value ? "true" : "false";
}

public sealed record LabelCorrectionOutcome(Mention Mention, IReadOnlyList<Correction> Changes);

/// <summary>A corrected field (sentiment or needsReply) with its value as text ("negative", "true") and the post text.</summary>
public sealed record CorrectedText(long MentionId, string Field, string Value, string Text, IReadOnlyList<string> Watches);

public sealed record ResponseQuery(
    IReadOnlyList<string> Watches, string? Team, string? Source, string? Lang, DateTimeOffset From, DateTimeOffset To, bool IncludeIgnored = false);

public sealed record ResponseRow(
    long MentionId, string Source, string ExternalId, string AuthorHandle, string Lang, string Sentiment, DateTimeOffset CreatedAt,
    string Triage, string? Team, BrandReply? FirstReply, IReadOnlyList<string> Watches);

/// <summary>Identities linked by people (never guessed) and the mentions of an author.</summary>
public interface IAuthorStore
{
    /// <summary>Links two identities; false when they were already linked.</summary>
    Task<bool> LinkAsync(AuthorIdentity a, AuthorIdentity b, string actor, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The identity and every identity linked to it, directly or through others.</summary>
    Task<IReadOnlyList<AuthorIdentity>> IdentitiesAsync(AuthorIdentity identity, CancellationToken cancellationToken);

    /// <summary>Mentions written by any of the identities (handles ignore case), newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<Mention>> MentionsByAsync(IReadOnlyList<AuthorIdentity> identities, int limit, CancellationToken cancellationToken);
}

public sealed record AuthorIdentity(string Source, string Handle);

/// <summary>Marketing campaigns: a named period for some watches.</summary>
public interface ICampaignStore
{
    /// <summary>Creates or replaces; true when created.</summary>
    Task<bool> UpsertCampaignAsync(Campaign campaign, CancellationToken cancellationToken);
    Task<IReadOnlyList<Campaign>> ListCampaignsAsync(CancellationToken cancellationToken);
    Task<bool> DeleteCampaignAsync(string name, CancellationToken cancellationToken);
}

public sealed record Campaign(string Name, IReadOnlyList<string> Watches, DateTimeOffset Start, DateTimeOffset End)
{
    public bool Overlaps(DateTimeOffset from, DateTimeOffset to) => Start < to && End > from;
}

/// <summary>Re-tagging stored mentions when a watch is created, changed or deleted.</summary>
public interface IWatchRetagStore
{
    /// <summary>Mentions with ids above <paramref name="afterId"/> and created at or after <paramref name="from"/>, in id order.</summary>
    Task<IReadOnlyList<Mention>> ReadForRematchAsync(DateTimeOffset from, long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>How many mentions were created at or after <paramref name="from"/>.</summary>
    Task<long> CountSinceAsync(DateTimeOffset from, CancellationToken cancellationToken);

    /// <summary>Ids of mentions tagged with <paramref name="watch"/> above <paramref name="afterId"/>, in id order.</summary>
    Task<IReadOnlyList<long>> TaggedAsync(string watch, long afterId, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Adds or removes <paramref name="watch"/> on each mention (watch list, link table, search index and, when
    /// <paramref name="adjustRollups"/>, the rollups) in one short transaction; returns how many changed.
    /// </summary>
    Task<int> RetagAsync(string watch, IReadOnlyList<(long Id, bool Member)> changes, bool adjustRollups, CancellationToken cancellationToken);

    /// <summary>Drops the rollup rows of a deleted watch.</summary>
    Task DropRollupsAsync(string watch, CancellationToken cancellationToken);
}
