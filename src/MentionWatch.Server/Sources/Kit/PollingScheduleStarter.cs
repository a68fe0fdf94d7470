using Microsoft.Extensions.Hosting;
using Quartz;

namespace MentionWatch.Server.Sources.Kit;

/// <summary>
/// Puts each polling source's reconcile job (<see cref="PollScheduleJob"/>, at the source's own interval) into the
/// host's one Quartz scheduler at start. Sources contribute a registration; none of them touches Quartz itself.
/// </summary>
internal sealed class PollingScheduleStarter(ISchedulerFactory schedulers, PollingSources sources) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken).ConfigureAwait(false);
        foreach (var source in sources.All)
        {
            var (job, trigger) = PollScheduleJob.Create(source);
            if (await scheduler.GetJobDetail(job.Key, cancellationToken).ConfigureAwait(false) is not null) continue;
            await scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
