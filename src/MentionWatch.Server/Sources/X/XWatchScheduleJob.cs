using MentionWatch.Core.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Quartz;

namespace MentionWatch.Server.Sources.X;

/// <summary>
/// Keeps one <see cref="XPollJob"/> per pollable watch. Watches change at runtime through the API and the store
/// has no change feed, so this job reconciles every poll interval (and once at start): it schedules a job for a new
/// watch and deletes the job of a watch that was removed or no longer targets X.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class XWatchScheduleJob(
    IWatchStore watches,
    IOptions<XSourceOptions> options,
    SourceStatusRegistry statuses,
    ILogger<XWatchScheduleJob> logger) : IJob
{
    public static readonly JobKey Key = new("x-watch-schedule", "x");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var scheduler = context.Scheduler;
        var existing = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(XPollJob.Group), cancellationToken).ConfigureAwait(false);
        if (!options.Value.HasBearerToken)
        {
            statuses.Register(XPollRunner.StatusName, "disabled");
            return;
        }

        statuses.Register(XPollRunner.StatusName);
        var wanted = new HashSet<JobKey>();
        foreach (var watch in await watches.ListWatchesAsync(cancellationToken).ConfigureAwait(false))
        {
            var translation = XWatchQueries.Translate(watch);
            switch (translation.Kind)
            {
                case XQueryTranslationKind.Translated:
                    var key = new JobKey(watch.Name, XPollJob.Group);
                    wanted.Add(key);
                    if (!existing.Contains(key))
                    {
                        await ScheduleAsync(scheduler, key, cancellationToken).ConfigureAwait(false);
                        LogScheduled(watch.Name, translation.Query!);
                    }

                    break;
                case XQueryTranslationKind.OtherSource:
                    LogOtherSource(watch.Name, translation.Reason!);
                    break;
                default:
                    LogNotExpressible(watch.Name, translation.Reason!);
                    statuses.ReportError(XPollRunner.StatusName, $"watch '{watch.Name}' is not polled on X: {translation.Reason}", "degraded");
                    break;
            }
        }

        foreach (var stale in existing.Where(k => !wanted.Contains(k)))
        {
            await scheduler.DeleteJob(stale, cancellationToken).ConfigureAwait(false);
            LogUnscheduled(stale.Name);
        }
    }

    private async Task ScheduleAsync(IScheduler scheduler, JobKey key, CancellationToken ct)
    {
        var job = JobBuilder.Create<XPollJob>().WithIdentity(key).WithDescription($"X recent search for watch {key.Name}").Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key.Name, XPollJob.Group)
            .ForJob(key)
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(options.Value.PollIntervalSeconds)).RepeatForever())
            .Build();
        await scheduler.ScheduleJob(job, trigger, cancellationToken: ct).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "X polling scheduled for watch {Watch} with query {XQuery}")]
    private partial void LogScheduled(string watch, string xQuery);

    [LoggerMessage(Level = LogLevel.Information, Message = "X polling removed for watch {Watch}")]
    private partial void LogUnscheduled(string watch);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Watch {Watch} is not polled on X: {Reason}")]
    private partial void LogOtherSource(string watch, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch {Watch} is not polled on X: {Reason}")]
    private partial void LogNotExpressible(string watch, string reason);
}
