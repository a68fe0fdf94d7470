using MentionWatch.Server.Pipeline;
using Quartz;

namespace MentionWatch.Server.Sources.Kit;

/// <summary>
/// A watch change runs every polling source's reconcile job now instead of at its next interval, so a new watch is
/// polled (and a deleted one stops) within moments. The periodic reconcile stays: it also catches changes made to the
/// store by another process.
/// </summary>
internal sealed class PollScheduleNudge(ISchedulerFactory schedulers, PollingSources sources) : IWatchChangeListener
{
    public async Task OnWatchChangedAsync(WatchChange change, CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        foreach (var source in sources.All)
        {
            var key = new JobKey(source.Name, PollScheduleJob.Group);
            if (await scheduler.GetJobDetail(key, cancellationToken).ConfigureAwait(false) is not null)
                await scheduler.TriggerJob(key, cancellationToken).ConfigureAwait(false);
        }
    }
}
