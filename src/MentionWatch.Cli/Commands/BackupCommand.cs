using System.CommandLine;
using MentionWatch.Core.Storage.Sqlite;

namespace MentionWatch.Cli.Commands;

/// <summary>`mentionwatch backup`: an online copy of the store, safe while the server runs and ingests.</summary>
internal static class BackupCommand
{
    public static Command Create()
    {
        var store = new Option<string>("--store") { Description = "store directory (the server's Storage:Path)", Required = true };
        var output = new Option<string>("--out") { Description = "backup file to write (one self-contained SQLite file)", Required = true };
        var force = new Option<bool>("--force") { Description = "replace --out when it exists" };
        var command = new Command("backup", "Copy the store to one file while the server keeps running (SQLite online backup)") { store, output, force };
        command.SetAction((result, cancellationToken) => Task.FromResult(CliErrors.Run(() =>
        {
            var outPath = result.GetRequiredValue(output);
            var pages = PageProgress.Run("backup", progress =>
                SqliteBackup.Backup(result.GetRequiredValue(store), outPath, result.GetValue(force), progress, cancellationToken));
            Console.WriteLine($"wrote {Path.GetFullPath(outPath)} ({pages} pages, {new FileInfo(outPath).Length / 1024.0 / 1024.0:F1} MiB)");
            return 0;
        })));
        return command;
    }
}
