using MentionWatch.Core.Storage;
using Microsoft.Extensions.Logging;
using Quartz;

namespace MentionWatch.Server.Sources.X;

/// <summary>
/// Polls X for one watch; its job key name is the watch name (group <see cref="Group"/>). Quartz never runs two
/// polls of the same watch at once, so a slow run cannot race its successor over the cursor.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class XPollJob(IWatchStore watches, XPollRunner runner, ILogger<XPollJob> logger) : IJob
{
    public const string Group = "x-poll";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var name = context.JobDetail.Key.Name;
        var watch = await watches.GetWatchAsync(name, cancellationToken).ConfigureAwait(false);
        if (watch is null)
        {
            // Deleted since the last reconcile; XWatchScheduleJob removes this job on its next run.
            LogWatchGone(name);
            return;
        }

        var translation = XWatchQueries.Translate(watch);
        if (!translation.IsPollable)
        {
            LogNotPollable(name, translation.Reason ?? "");
            return;
        }

        await runner.RunAsync(name, translation.Query!, cancellationToken).ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "X poll skipped: watch {Watch} no longer exists")]
    private partial void LogWatchGone(string watch);

    [LoggerMessage(Level = LogLevel.Information, Message = "X poll skipped for watch {Watch}: {Reason}")]
    private partial void LogNotPollable(string watch, string reason);
}
