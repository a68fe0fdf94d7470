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
        IReadOnlyList<Correction> changes = [];
        var outcome = await _changes.ChangeAsync(request.MentionId, null, (source, read) =>
        {
            var mention = MentionDocument.Read(ToElement(read.Source));
            before = mention;
            // Decided again on every read (a 409 re-reads the document).
            (corrected, changes) = request.ApplyTo(mention);
            if (changes.Count == 0) return null;
            var (sentiment, needsReply) = (corrected.Sentiment, corrected.NeedsReply);
            source["sentiment"] = new JsonObject
            {
                ["label"] = sentiment.Label, ["negative"] = sentiment.Negative, ["neutral"] = sentiment.Neutral, ["positive"] = sentiment.Positive,
            };
            source["needsReply"] = new JsonObject { ["value"] = needsReply.Value, ["probability"] = needsReply.Probability };
            return changes.Select(c => CorrectionDocument(_names, c, read.SeqNo)).ToList();
        }, waitForRefresh: true, cancellationToken).ConfigureAwait(false);

        if (outcome is not { } done) return null;
        if (done.NewSeqNo is null) return new LabelCorrectionOutcome(before!, []);
        return new LabelCorrectionOutcome(corrected!, changes);
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
