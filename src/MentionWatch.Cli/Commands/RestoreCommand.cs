using System.CommandLine;
using MentionWatch.Core.Storage.Sqlite;

namespace MentionWatch.Cli.Commands;

/// <summary>`mentionwatch restore`: checks a backup (integrity, schema version) and makes it the store of a directory.</summary>
internal static class RestoreCommand
{
    public static Command Create()
    {
        var from = new Option<string>("--from") { Description = "backup file written by `mentionwatch backup`", Required = true };
        var store = new Option<string>("--store") { Description = "store directory to restore into (the server's Storage:Path); stop the server first", Required = true };
        var force = new Option<bool>("--force") { Description = "replace the store when the directory is not empty" };
        var command = new Command("restore", "Restore a backup into a store directory after checking it") { from, store, force };
        command.SetAction((result, cancellationToken) => Task.FromResult(CliErrors.Run(() =>
        {
            var restored = PageProgress.Run("restore", progress =>
                SqliteBackup.Restore(result.GetRequiredValue(from), result.GetRequiredValue(store), result.GetValue(force), progress, cancellationToken));
            var migration = restored.SchemaVersion < SqliteBackup.LatestSchemaVersion
                ? $"; the server migrates it from schema version {restored.SchemaVersion} to {SqliteBackup.LatestSchemaVersion} when it starts"
                : "";
            Console.WriteLine($"restored {restored.DatabaseFile} ({restored.PageCount} pages, schema version {restored.SchemaVersion}, integrity ok){migration}");
            return 0;
        })));
        return command;
    }
}
