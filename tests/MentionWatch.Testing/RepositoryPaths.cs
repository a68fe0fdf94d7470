namespace MentionWatch.Testing;

/// <summary>Where things are in the repository checkout the tests run from.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding MentionWatch.sln, found above the running test's binaries.</summary>
    public static string Root()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MentionWatch.sln"))) return dir.FullName;
        }

        throw new DirectoryNotFoundException("MentionWatch.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>
    /// The build output of the project in src/<paramref name="project"/> for the configuration and target framework
    /// the caller was built with (bin/&lt;configuration&gt;/&lt;tfm&gt;), so Debug tests run the Debug server and a Release benchmark the Release one.
    /// </summary>
    public static string SourceProjectOutput(string project)
    {
        var callerBin = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        return Path.Combine(Root(), "src", project, "bin", callerBin.Parent!.Name, callerBin.Name);
    }
}
