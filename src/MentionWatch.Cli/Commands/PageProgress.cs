using MentionWatch.Core.Storage.Sqlite;
using Spectre.Console;

namespace MentionWatch.Cli.Commands;

/// <summary>
/// Pages copied by a backup or restore: a Spectre.Console progress bar on a terminal, plain lines (every 10%) when the
/// output is redirected (logs, CI), where a redrawn bar would be noise.
/// </summary>
internal static class PageProgress
{
    public static T Run<T>(string label, Func<Action<BackupProgress>, T> work)
    {
        if (Console.IsOutputRedirected || !AnsiConsole.Profile.Capabilities.Interactive)
        {
            var lastTenth = -1L;
            return work(p =>
            {
                var tenth = p.PageCount == 0 ? 10 : p.PagesCopied * 10 / p.PageCount;
                if (tenth == lastTenth) return;
                lastTenth = tenth;
                Console.WriteLine($"{label}: {p.PagesCopied}/{p.PageCount} pages ({tenth * 10}%)");
            });
        }
        T result = default!;
        AnsiConsole.Progress().AutoClear(false)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .Start(ctx =>
            {
                var bar = ctx.AddTask(label, maxValue: 1);
                result = work(p =>
                {
                    bar.MaxValue = Math.Max(1, p.PageCount);
                    bar.Value = p.PagesCopied;
                });
                bar.Value = bar.MaxValue;
            });
        return result;
    }
}
