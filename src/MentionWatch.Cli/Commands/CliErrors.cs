using MentionWatch.Classification;
using MentionWatch.Classification.Training;
using MentionWatch.Core.Storage.Sqlite;

namespace MentionWatch.Cli.Commands;

/// <summary>Turns expected failures (bad data, bad model files) into one clear line on stderr and exit code 2.</summary>
internal static class CliErrors
{
    public const int BadInput = 2;

    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is DataFormatException or ModelFormatException or ArgumentException or IOException or SqliteBackupException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
    }
}
