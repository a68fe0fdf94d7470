using System.Diagnostics.Metrics;
using System.Threading.Channels;
using MentionWatch.Core.Domain;
using MentionWatch.Core.Storage;
using MentionWatch.Server.Hosting;
using MentionWatch.Server.Metrics;
using MentionWatch.Server.Pipeline.Sinks;
using Microsoft.Extensions.Options;

namespace MentionWatch.Server.Pipeline;

/// <summary>
/// normalize -> dedupe -> match -> classify -> store -> sinks (live feed, alert evaluation), one worker loop per
/// stage joined by bounded channels; each sink has its own queue (see <see cref="IMentionSink"/>). A submitted batch travels as one unit so the store stage can merge the batches of concurrent
/// submitters into one transaction; a full channel makes submitters wait (back-pressure is deliberate).
/// </summary>
internal sealed partial class MentionPipeline : BackgroundService, IMentionPipeline
{
    private readonly Channel<Submission> _intake, _toDedupe, _toMatch, _toClassify, _toStore;
    private readonly IReadOnlyList<SinkQueue> _sinks;
    private readonly IPostNormalizer _normalizer;
    private readonly IWatchMatching _matching;
    private readonly IMentionClassifier _classifier;
    private readonly IPreparingMentionWriter _store;
    private readonly Support.TeamRouter _teams;
    private readonly PipelineCounters _counters;
    private readonly MentionWatchMetrics _metrics;
    private readonly PipelineStageTimings _stageTimings;
    private readonly TimeProvider _time;
    private readonly ILogger<MentionPipeline> _logger;
    private readonly PipelineOptions _options;
    private readonly CancellationTokenSource _abort = new();
    private Task _workers = Task.CompletedTask;

    public MentionPipeline(
        IPostNormalizer normalizer, IWatchMatching matching, IMentionClassifier classifier, IMentionWriter store,
        IEnumerable<IMentionSink> sinks, PipelineCounters counters, TimeProvider time, IOptions<PipelineOptions> options, ILogger<MentionPipeline> logger,
        Support.TeamRouter teams, MentionWatchMetrics metrics, IMeterFactory meters)
    {
        _teams = teams;
        _metrics = metrics;
        _stageTimings = new PipelineStageTimings(meters);
        (_normalizer, _matching, _classifier, _store, _counters, _time, _logger, _options) =
            (normalizer, matching, classifier, store.Preparing(), counters, time, logger, options.Value);
        _intake = NewChannel<Submission>(BoundedChannelFullMode.Wait);
        _toDedupe = NewChannel<Submission>(BoundedChannelFullMode.Wait);
        _toMatch = NewChannel<Submission>(BoundedChannelFullMode.Wait);
        _toClassify = NewChannel<Submission>(BoundedChannelFullMode.Wait);
        _toStore = NewChannel<Submission>(BoundedChannelFullMode.Wait);
        _sinks = sinks.Select(s => new SinkQueue(s, _options.ChannelCapacity, logger)).ToList();
    }

    public async Task<PipelineResult> SubmitAsync(IReadOnlyList<Post> posts, IReadOnlyList<SourceCursor> cursors, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(posts);
        ArgumentNullException.ThrowIfNull(cursors);
        var submission = new Submission(posts, cursors, cancellationToken) { Queued = _time.GetTimestamp() };
        try
        {
            await _intake.Writer.WriteAsync(submission, cancellationToken);
        }
        catch (ChannelClosedException)
        {
            throw new PipelineUnavailableException("The pipeline is stopping and accepts no more posts.");
        }
        var submitted = _time.GetTimestamp();
        var result = await submission.Completion.Task.WaitAsync(cancellationToken);
        _metrics.PipelineBatch(_time.GetElapsedTime(submitted));
        return result;
    }

    /// <summary>Batches waiting in each stage's input channel and in each sink's queue (read by the queue-depth gauge).</summary>
    internal IEnumerable<(string Queue, int Depth)> QueueDepths()
    {
        yield return ("normalize", _intake.Reader.Count);
        yield return ("dedupe", _toDedupe.Reader.Count);
        yield return ("match", _toMatch.Reader.Count);
        yield return ("classify", _toClassify.Reader.Count);
        yield return ("store", _toStore.Reader.Count);
        foreach (var sink in _sinks) yield return ("sink:" + sink.Name, sink.Depth);
    }

    /// <summary>
    /// Starts the stages here rather than in <see cref="ExecuteAsync"/>: BackgroundService schedules that with the
    /// stopping token, so a stop arriving before it first ran would cancel it unstarted and what was submitted would
    /// never be drained.
    /// </summary>
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _workers = StartStages();
        return base.StartAsync(cancellationToken);
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _workers;

    private Task StartStages()
    {
        var abort = _abort.Token;
        var classifyWorkers = _options.ClassifyWorkers > 0 ? _options.ClassifyWorkers : Environment.ProcessorCount;
        return Task.WhenAll([
            RunStageAsync("normalize", _intake, _toDedupe, Normalize, 1, postsInParallel: true, abort),
            RunStageAsync("dedupe", _toDedupe, _toMatch, Dedupe, 1, postsInParallel: false, abort),
            RunStageAsync("match", _toMatch, _toClassify, Match, 1, postsInParallel: false, abort),
            RunStageAsync("classify", _toClassify, _toStore, Classify, classifyWorkers, postsInParallel: true, abort),
            RunStoreStageAsync(abort),
            .. _sinks.Select(s => Task.Run(() => s.RunAsync(abort), abort))]);
    }

    /// <summary>Drains what was already submitted before stopping, unless the host's stop timeout runs out.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _intake.Writer.TryComplete();
        try
        {
            await _workers.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await _abort.CancelAsync();
        }
        await base.StopAsync(cancellationToken);
    }

    public override void Dispose()
    {
        _abort.Dispose();
        base.Dispose();
    }

    private Channel<T> NewChannel<T>(BoundedChannelFullMode mode) =>
        Channel.CreateBounded<T>(new BoundedChannelOptions(_options.ChannelCapacity) { FullMode = mode });

    /// <summary>Batches at least this large are split across the cores inside a stage that may run posts in parallel.</summary>
    private const int ParallelFrom = 256;

    /// <param name="postsInParallel">
    /// The stage's per-post work depends on that post alone (normalize, classify), so one large batch is spread over
    /// the cores: a single client's batch otherwise ran its classification on one core while the other idled. Dedupe
    /// and match stay in post order (the first copy of a post, or of a noise rule's repeated text, wins).
    /// </param>
    private async Task RunStageAsync(
        string stage, Channel<Submission> input, Channel<Submission> output, Action<Submission, int> perPost, int workers, bool postsInParallel,
        CancellationToken abort)
    {
        void Process(Submission submission, int from, int to)
        {
            for (var i = from; i < to; i++)
            {
                if (submission.Outcomes[i] != PostOutcome.Pending) continue;
                try
                {
                    perPost(submission, i);
                }
                catch (PostRejectedException ex)
                {
                    submission.Reject(i, ex.Message);
                }
                catch (Exception ex)
                {
                    var post = submission.Posts[i];
                    LogStageFailed(ex, stage, post?.Source, post?.ExternalId);
                    submission.Reject(i, $"Processing failed in the {stage} stage.");
                }
            }
        }

        async Task WorkerAsync()
        {
            await foreach (var submission in input.Reader.ReadAllAsync(abort))
            {
                if (submission.CancellationToken.IsCancellationRequested)
                {
                    submission.Completion.TrySetCanceled(submission.CancellationToken);
                    continue;
                }
                var started = _time.GetTimestamp();
                _stageTimings.Record(stage, "wait", _time.GetElapsedTime(submission.Queued, started));
                var count = submission.Posts.Length;
                if (postsInParallel && count >= ParallelFrom && Environment.ProcessorCount > 1)
                {
                    var parts = Environment.ProcessorCount;
                    var chunk = (count + parts - 1) / parts;
                    Parallel.For(0, parts, p => Process(submission, p * chunk, Math.Min(count, (p + 1) * chunk)));
                }
                else
                {
                    Process(submission, 0, count);
                }
                submission.Queued = _time.GetTimestamp();
                _stageTimings.Record(stage, "work", _time.GetElapsedTime(started, submission.Queued));
                await output.Writer.WriteAsync(submission, abort);
            }
        }

        try
        {
            await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(WorkerAsync, abort)));
        }
        finally
        {
            output.Writer.TryComplete();
        }
    }

    private void Normalize(Submission s, int i)
    {
        if (s.Posts[i] is null) throw new PostRejectedException("The post is empty.");
        s.Posts[i] = _normalizer.Normalize(s.Posts[i]);
    }

    private void Dedupe(Submission s, int i)
    {
        var post = s.Posts[i];
        s.SeenKeys ??= [];
        if (!s.SeenKeys.Add((post.Source, post.ExternalId))) s.Outcomes[i] = PostOutcome.Duplicate;
    }

    private void Match(Submission s, int i) => s.Matches[i] = _matching.Match(s.Posts[i]);

    private static readonly NeedsReplyScore BrandPostNeedsNoReply = new(false, 0f);

    private void Classify(Submission s, int i)
    {
        var post = s.Posts[i];
        var match = s.Matches[i] ?? WatchMatch.None;
        // The watches decide whether a per-watch adaptation scores the post (only one that matches a single adapted watch).
        var scores = _classifier.Classify(post, match.Watches);
        // The labelling guideline: a brand's own post never needs its support team's reply, however much it
        // reads like a request ("Update the app", "Sorry, we are closed today"); without this rule on-call
        // staff were paged for their own announcements.
        var needsReply = match.BrandPostOf.Count > 0 ? BrandPostNeedsNoReply : scores.NeedsReply;
        var mention = new Mention(0, post, post.Lang ?? scores.Lang, match.Watches, match.BrandPostOf, scores.Sentiment, needsReply, _time.GetUtcNow())
        {
            Support = MentionSupport.New,
        };
        // A new needs-reply mention goes to the first team that takes it, stored with the mention (one transaction).
        // Built with its default support first, so only a routed mention is copied (most need no reply).
        var routed = _teams.Route(mention) is { } team
            ? mention with { Support = new MentionSupport(TriageStates.Assigned, team.Name) }
            : mention;
        s.Prepared[i] = PrepareForStore(routed);
    }

    /// <summary>
    /// The store's per-mention work (validation, index rows), done here on every core rather than on the store stage,
    /// the one loop every batch passes through: a mention the store cannot hold is rejected alone, not its whole batch.
    /// </summary>
    private PreparedMentionWrite PrepareForStore(Mention mention)
    {
        try
        {
            return _store.Prepare(mention);
        }
        catch (ArgumentException ex)
        {
            throw new PostRejectedException($"The store cannot hold this post: {ex.Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Pipeline stage {Stage} failed for post {Source}/{ExternalId}; the post is rejected and the batch goes on")]
    private partial void LogStageFailed(Exception ex, string stage, string? source, string? externalId);
}
