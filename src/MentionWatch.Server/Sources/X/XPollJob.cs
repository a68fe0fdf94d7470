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
        // The brand's own replies, so reply times are measured without push ingest; its own cursor ("<watch>/replies").
        if (RepliesQuery(watch) is { } replies)
            await runner.RunAsync(name + RepliesSuffix, replies, cancellationToken).ConfigureAwait(false);
    }

    public const string RepliesSuffix = "/replies";

    /// <summary><c>(from:a OR from:b) is:reply</c> for the watch's own handles, or null without any.</summary>
    internal static string? RepliesQuery(MentionWatch.Core.Domain.Watch watch) => watch.OwnHandles.Count switch
    {
        0 => null,
        1 => $"from:{watch.OwnHandles[0]} is:reply",
        _ => $"({string.Join(" OR ", watch.OwnHandles.Select(h => "from:" + h))}) is:reply",
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "X poll skipped: watch {Watch} no longer exists")]
    private partial void LogWatchGone(string watch);

    [LoggerMessage(Level = LogLevel.Information, Message = "X poll skipped for watch {Watch}: {Reason}")]
    private partial void LogNotPollable(string watch, string reason);
}
