using MentionWatch.Classification;
using MentionWatch.Classification.Training;

namespace MentionWatch.Teacher;

/// <summary>Expected failures (a bad TSV, a stale cache, a bad model file) become one line on stderr and exit code 2.</summary>
internal static class TeacherErrors
{
    public const int BadInput = 2;

    public static int Run(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (e is DataFormatException or ModelFormatException or ArgumentException or IOException or InvalidDataException)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
    }
}
