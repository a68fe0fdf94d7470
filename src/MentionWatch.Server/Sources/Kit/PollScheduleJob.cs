using Microsoft.Extensions.Logging;
using Quartz;

namespace MentionWatch.Server.Sources.Kit;

/// <summary>
/// Keeps one <see cref="PollJob"/> per target of one polling source. Watches change at runtime through the API and
/// the store has no change feed, so this reconciles every poll interval (and once at start): it schedules a job for
/// a new target and deletes the job of one that was removed or no longer targets the source.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class PollScheduleJob(PollingSources sources, SourceStatusRegistry statuses, ILogger<PollScheduleJob> logger) : IJob
{
    public const string Group = "source-schedule";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var source = sources.Get(context.JobDetail.JobDataMap.GetString(PollJob.SourceKey) ?? "");
        if (source is null) return;
        var scheduler = context.Scheduler;
        var group = PollJob.GroupFor(source.Name);
        var existing = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(group), cancellationToken).ConfigureAwait(false);
        if (source.DisabledReason is { } disabled)
        {
            statuses.RegisterDisabled(source.Name, disabled);
            foreach (var key in existing) await scheduler.DeleteJob(key, cancellationToken).ConfigureAwait(false);
            return;
        }

        statuses.Register(source.Name, source.PollInterval);
        PollPlan plan;
        try
        {
            plan = await source.PlanAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPlanFailed(source.Name, ex.Message);
            statuses.ReportError(source.Name, $"could not list what to poll: {ex.Message}");
            return;
        }

        var wanted = new HashSet<JobKey>();
        foreach (var target in plan.Targets)
        {
            var key = new JobKey(target.Id, group);
            wanted.Add(key);
            if (existing.Contains(key)) continue;
            await ScheduleAsync(scheduler, source, key, cancellationToken).ConfigureAwait(false);
            LogScheduled(source.Name, target.Label, target.Query);
        }

        foreach (var skipped in plan.Skipped)
        {
            if (!skipped.IsProblem)
            {
                LogOtherSource(source.Name, skipped.Id, skipped.Reason);
                continue;
            }

            LogNotPollable(source.Name, skipped.Id, skipped.Reason);
            statuses.ReportNotPolled(source.Name, skipped.Id, $"watch '{skipped.Id}' is not polled on {source.DisplayName}: {skipped.Reason}");
        }

        statuses.RetainWatches(source.Name, plan.Targets.Select(t => t.Id).Concat(plan.Skipped.Where(s => s.IsProblem).Select(s => s.Id)).ToHashSet(StringComparer.OrdinalIgnoreCase));
        foreach (var stale in existing.Where(k => !wanted.Contains(k)))
        {
            await scheduler.DeleteJob(stale, cancellationToken).ConfigureAwait(false);
            LogUnscheduled(source.Name, stale.Name);
        }
    }

    /// <summary>The reconcile job of one source, firing at start and every poll interval.</summary>
    public static (IJobDetail Job, ITrigger Trigger) Create(IPollingSource source)
    {
        var key = new JobKey(source.Name, Group);
        var job = JobBuilder.Create<PollScheduleJob>().WithIdentity(key).UsingJobData(PollJob.SourceKey, source.Name)
            .WithDescription($"keeps one poll job per {source.DisplayName} target").Build();
        var trigger = TriggerBuilder.Create().WithIdentity(source.Name, Group).ForJob(key).StartNow()
            .WithSimpleSchedule(s => s.WithInterval(source.PollInterval).RepeatForever()).Build();
        return (job, trigger);
    }

    private static async Task ScheduleAsync(IScheduler scheduler, IPollingSource source, JobKey key, CancellationToken ct)
    {
        var job = JobBuilder.Create<PollJob>().WithIdentity(key).UsingJobData(PollJob.SourceKey, source.Name)
            .WithDescription($"{source.DisplayName} poll of {key.Name}").Build();
        var trigger = TriggerBuilder.Create()
            .WithIdentity(key.Name, key.Group)
            .ForJob(key)
            .StartNow()
            .WithSimpleSchedule(s => s.WithInterval(source.PollInterval).RepeatForever())
            .Build();
        await scheduler.ScheduleJob(job, trigger, cancellationToken: ct).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source} polling scheduled for {Target} with query {SourceQuery}")]
    private partial void LogScheduled(string source, string target, string sourceQuery);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source} polling removed for {Target}")]
    private partial void LogUnscheduled(string source, string target);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Watch {Watch} is not polled on {Source}: {Reason}")]
    private partial void LogOtherSource(string source, string watch, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Watch {Watch} is not polled on {Source}: {Reason}")]
    private partial void LogNotPollable(string source, string watch, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Source} could not list what to poll: {Error}")]
    private partial void LogPlanFailed(string source, string error);
}
