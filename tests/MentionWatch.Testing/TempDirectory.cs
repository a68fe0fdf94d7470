namespace MentionWatch.Testing;

/// <summary>
/// A fresh directory under the system temp folder, deleted on dispose. <see cref="Create"/> and <see cref="Delete"/>
/// serve a harness that hands the path to something that outlives a <c>using</c> block (a server restarted on the same store).
/// </summary>
public sealed class TempDirectory : IDisposable
{
    /// <param name="purpose">A word that shows in the folder name, so a leftover folder says which test made it.</param>
    public TempDirectory(string purpose = "tmp") => Path = Create(purpose);

    /// <summary>The directory's full path.</summary>
    public string Path { get; }

    /// <summary>The full path of <paramref name="name"/> inside the directory (not created).</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    public void Dispose() => Delete(Path);

    /// <summary>Creates a fresh directory and returns its path; the caller deletes it with <see cref="Delete"/>.</summary>
    public static string Create(string purpose)
    {
        var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mentionwatch-tests", $"{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>Deletes <paramref name="path"/> and everything under it, if it can.</summary>
    public static void Delete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a killed process; a leftover temp folder must not fail a run.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
