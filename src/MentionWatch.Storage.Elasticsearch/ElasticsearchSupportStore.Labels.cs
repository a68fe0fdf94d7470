using System.Text.Json.Nodes;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;

namespace MentionWatch.Storage.Elasticsearch;

/// <summary>
/// Labels corrected by hand: the mention document is rewritten over the version it was read at (searches filter on the
/// same fields, so they follow the label at once), then one corrections document per changed field, keyed by the
/// mention id, the seq_no the correction was decided on and the field (carried on the mention until the next change). Trends aggregate the documents, so unlike the
/// SQLite rollups they count the corrected label.
/// </summary>
public sealed partial class ElasticsearchSupportStore : ILabelCorrectionStore
{
    public async Task<LabelCorrectionOutcome?> CorrectLabelsAsync(LabelCorrectionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Mention? before = null;
        Mention? corrected = null;
        var changes = new List<Correction>();
        var outcome = await _changes.ChangeAsync(request.MentionId, null, (source, read) =>
        {
            var mention = MentionDocument.Read(ToElement(read.Source));
            before = mention;
            changes.Clear();
            // A corrected label is certain: its probability becomes 1 (or 0), so the document never contradicts itself.
            var sentiment = request.Sentiment is { } label && label != mention.Sentiment.Label
                ? new SentimentScore(label, label == "negative" ? 1f : 0f, label == "neutral" ? 1f : 0f, label == "positive" ? 1f : 0f)
                : mention.Sentiment;
            var needsReply = request.NeedsReply is { } value && value != mention.NeedsReply.Value
                ? new NeedsReplyScore(value, value ? 1f : 0f)
                : mention.NeedsReply;
            if (sentiment != mention.Sentiment)
                changes.Add(new Correction(mention.Id, "sentiment", mention.Sentiment.Label, sentiment.Label, request.Actor, request.At, request.Note));
            if (needsReply != mention.NeedsReply)
                changes.Add(new Correction(mention.Id, "needsReply", Bool(mention.NeedsReply.Value), Bool(needsReply.Value), request.Actor, request.At, request.Note));
            corrected = mention with { Sentiment = sentiment, NeedsReply = needsReply };
            if (changes.Count == 0) return null;
            source["sentiment"] = new JsonObject
            {
                ["label"] = sentiment.Label, ["negative"] = sentiment.Negative, ["neutral"] = sentiment.Neutral, ["positive"] = sentiment.Positive,
            };
            source["needsReply"] = new JsonObject { ["value"] = needsReply.Value, ["probability"] = needsReply.Probability };
            return changes.Select(c => CorrectionDocument(_names, c, read.SeqNo)).ToList();
        }, waitForRefresh: true, cancellationToken).ConfigureAwait(false);

        if (outcome is not { } done) return null;
        if (done.NewSeqNo is null) return new LabelCorrectionOutcome(before!, []);
        return new LabelCorrectionOutcome(corrected!, changes.ToList());
    }

    public async Task<IReadOnlyList<CorrectedText>> CorrectedTextsAsync(string? watch, CancellationToken cancellationToken)
    {
        var request = new JsonObject { ["query"] = new JsonObject { ["match_all"] = new JsonObject() }, ["sort"] = new JsonArray(Ascending("at"), Ascending("seq")) };
        var corrections = (await _documents.SearchAllAsync(_names.Corrections, request, "corrections", cancellationToken).ConfigureAwait(false))
            .Select(h => ReadCorrection(h["_source"]!)).ToList();
        // The latest correction of each field of each mention wins: the export is the current truth, not the log.
        var latest = corrections.GroupBy(c => (c.MentionId, c.Field)).Select(g => g.Last()).ToList();
        var mentions = new Dictionary<long, Mention>();
        foreach (var chunk in latest.Select(c => c.MentionId).Distinct().Chunk(1000))
            foreach (var found in await _mentions.FindManyAsync(chunk, cancellationToken).ConfigureAwait(false))
                mentions[found.MentionId] = MentionDocument.Read(ToElement(found.Source));
        return latest
            .Where(c => mentions.TryGetValue(c.MentionId, out var m) && (watch is null || m.Watches.Contains(watch, StringComparer.Ordinal)))
            .Select(c => new CorrectedText(c.MentionId, c.Field, c.NewValue, mentions[c.MentionId].Post.Text, mentions[c.MentionId].Watches))
            .ToList();
    }
}
