using System.Text.Json;
using MentionWatch.Classification;
using MentionWatch.Classification.Adaptation;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Pipeline;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Adaptation;

/// <summary>
/// Trains, stores, loads and rolls back per-watch adaptations. Training reads the watch's corrections (the latest
/// value of each corrected field) and its most recent uncorrected posts, runs <see cref="AdaptationTrainer"/> (well
/// under a second for hundreds of corrections, so the API call waits for it), stores the outcome, used or not, and
/// publishes it to the classify stage. It follows the watch list: a deleted watch loses its adaptation, so a watch
/// created again under that name starts from the shipped models.
/// </summary>
internal sealed partial class WatchAdaptationService(
    ModelMentionClassifier classifier, WatchAdaptations adaptations, IWatchAdaptationStore store, ILabelCorrectionStore corrections,
    IMentionStore mentions, IOptions<WatchAdaptationOptions> options, TimeProvider time, ILogger<WatchAdaptationService> logger) : IWatchChangeListener
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    // One training at a time: two calls for one watch must not race to store, and training is CPU work on 2 shared cores.
    private readonly SemaphoreSlim _training = new(1, 1);

    public AdaptationStatus StatusOf(string watch) => adaptations.StatusOf(watch);

    /// <summary>Trains the watch's adaptation from its corrections and applies it if it beats the shipped model.</summary>
    public async Task<AdaptationStatus> TrainAsync(string watch, string actor, CancellationToken cancellationToken)
    {
        var shipped = classifier.Shipped ?? throw new InvalidOperationException("The classification models are not loaded yet.");
        await _training.WaitAsync(cancellationToken);
        try
        {
            var o = options.Value;
            var corrected = await corrections.CorrectedTextsAsync(watch, cancellationToken);
            var sentiment = corrected.Where(c => c.Field == "sentiment").Select(c => new CorrectedPost(c.Text, c.Value)).ToList();
            var needsReply = corrected.Where(c => c.Field == "needsReply").Select(c => new CorrectedPost(c.Text, c.Value == "true" ? "1" : "0")).ToList();
            var anchors = await AnchorTextsAsync(watch, corrected.Select(c => c.MentionId).ToHashSet(), o.AnchorPosts, cancellationToken);
            var started = time.GetTimestamp();
            var result = await Task.Run(() => AdaptationTrainer.Train(shipped, sentiment, needsReply, anchors, o.Settings(), cancellationToken), cancellationToken);
            var elapsed = time.GetElapsedTime(started);
            var status = new AdaptationStatus
            {
                State = result.Adaptation is null ? AdaptationStates.Rejected : AdaptationStates.Active,
                Reason = result.Adaptation is null
                    ? "not used: it did not beat the shipped model on either task (see sentiment.reason and needsReply.reason)"
                    : $"used for {Tasks(result)}: it beat the shipped model on held-out corrections",
                TrainedAt = time.GetUtcNow(),
                TrainedBy = actor,
                TrainingSeconds = Math.Round(elapsed.TotalSeconds, 3),
                CorrectionsUsed = sentiment.Count + needsReply.Count,
                Sentiment = result.Sentiment,
                NeedsReply = result.NeedsReply,
                SentimentModel = shipped.SentimentModelVersion,
                NeedsReplyModel = shipped.NeedsReplyModelVersion,
            };
            await store.SaveAdaptationAsync(new StoredAdaptation(watch, status.State, status.TrainedAt.Value, actor,
                JsonSerializer.Serialize(status, Json), result.Adaptation?.ToBytes()), cancellationToken);
            adaptations.Set(watch, status, result.Adaptation);
            LogTrained(watch, status.State, sentiment.Count, needsReply.Count, elapsed.TotalMilliseconds, result.Sentiment.Reason, result.NeedsReply.Reason);
            return status;
        }
        finally
        {
            _training.Release();
        }
    }

    /// <summary>Removes the watch's adaptation: its new mentions get the shipped scores again. False when it had none.</summary>
    public async Task<bool> RollbackAsync(string watch, CancellationToken cancellationToken)
    {
        await _training.WaitAsync(cancellationToken);
        try
        {
            var had = await store.DeleteAdaptationAsync(watch, cancellationToken);
            adaptations.Remove(watch);
            if (had) LogRolledBack(watch);
            return had;
        }
        finally
        {
            _training.Release();
        }
    }

    public async Task OnWatchChangedAsync(WatchChange change, CancellationToken cancellationToken)
    {
        if (change.IsDeleted) await RollbackAsync(change.Name, cancellationToken);
    }

    /// <summary>Loads every stored adaptation at start, after the models: one trained over other models is kept but not applied.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var shipped = classifier.Shipped ?? throw new InvalidOperationException("Load the classification models before the adaptations.");
        foreach (var stored in await store.ListAdaptationsAsync(cancellationToken))
        {
            var status = JsonSerializer.Deserialize<AdaptationStatus>(stored.Report, Json) ?? AdaptationStatus.NoneYet;
            ClassifierAdaptation? adaptation = null;
            if (stored.Delta is not null)
            {
                try
                {
                    adaptation = ClassifierAdaptation.FromBytes($"adaptation of watch {stored.Watch}", stored.Delta);
                    if (!adaptation.IsFor(shipped))
                    {
                        status = status with { State = AdaptationStates.Stale, Reason = $"trained over {adaptation.SentimentModelVersion} and {adaptation.NeedsReplyModelVersion}, but {shipped.SentimentModelVersion} and {shipped.NeedsReplyModelVersion} are loaded: retrain it" };
                        adaptation = null;
                    }
                }
                catch (ModelFormatException e)
                {
                    status = status with { State = AdaptationStates.Stale, Reason = e.Problem + ": retrain it" };
                }
                if (adaptation is null) LogStale(stored.Watch, status.Reason);
            }
            adaptations.Set(stored.Watch, status, adaptation);
        }
    }

    /// <summary>The watch's newest posts that carry no correction, at most <paramref name="limit"/>.</summary>
    private async Task<IReadOnlyList<string>> AnchorTextsAsync(string watch, HashSet<long> corrected, int limit, CancellationToken cancellationToken)
    {
        if (limit == 0) return [];
        var page = await mentions.SearchAsync(new MentionFilter(Watch: watch), limit + corrected.Count, null, cancellationToken);
        return page.Items.Where(m => !corrected.Contains(m.Id)).Take(limit).Select(m => m.Post.Text).ToList();
    }

    private static string Tasks(AdaptationResult result) =>
        string.Join(" and ", new[] { result.Sentiment.Used ? "sentiment" : null, result.NeedsReply.Used ? "needs-reply" : null }.Where(t => t is not null));

    [LoggerMessage(Level = LogLevel.Information, Message = "Adaptation of watch {Watch} trained: {State} ({SentimentCorrections} sentiment and {NeedsReplyCorrections} needs-reply corrections, {Milliseconds:F0} ms); sentiment {SentimentReason}; needs-reply {NeedsReplyReason}")]
    private partial void LogTrained(string watch, string state, int sentimentCorrections, int needsReplyCorrections, double milliseconds, string sentimentReason, string needsReplyReason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Adaptation of watch {Watch} rolled back: the shipped models score it again")]
    private partial void LogRolledBack(string watch);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Adaptation of watch {Watch} is not applied: {Reason}")]
    private partial void LogStale(string watch, string reason);
}
