using Microsoft.Extensions.Logging;
using Quartz;

namespace MentionWatch.Server.Sources.Kit;

/// <summary>
/// Polls one target of one source; job key name = target id, group = <see cref="GroupFor"/>(source). Quartz never
/// runs two polls of the same target at once, so a slow run cannot race its successor over the cursor.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class PollJob(PollingSources sources, PollRunner runner, SourceStatusRegistry statuses, ILogger<PollJob> logger) : IJob
{
    public const string SourceKey = "source";

    public static string GroupFor(string source) => source + "-poll";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var source = sources.Get(context.JobDetail.JobDataMap.GetString(SourceKey) ?? "");
        var id = context.JobDetail.Key.Name;
        if (source is null || statuses.IsPermanentlyFailed(source.Name)) return;
        var plan = await source.PlanAsync(cancellationToken).ConfigureAwait(false);
        var target = plan.Targets.FirstOrDefault(t => t.Id == id);
        if (target is null)
        {
            // Deleted or no longer pollable since the last reconcile; PollScheduleJob removes this job on its next run.
            LogGone(source.Name, id);
            return;
        }

        await runner.RunAsync(source, target, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Source} poll skipped: {Target} is no longer polled")]
    private partial void LogGone(string source, string target);
}
