namespace MentionWatch.Classification.Tests.Support;

/// <summary>Finds the repository root (folder with MentionWatch.sln) and the shared data beside it.</summary>
internal static class SharedData
{
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "MentionWatch.sln"))) return dir.FullName;
        throw new InvalidOperationException("MentionWatch.sln not found above " + TestContext.CurrentContext.TestDirectory);
    }

    /// <summary>The ../shared/data folder, whether or not it is present.</summary>
    public static string Root() => Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "data"));

    /// <summary>Path of a file under ../shared/data, or Assert.Ignore when the data is not present.</summary>
    public static string File(string relative)
    {
        string path = Path.Combine(Root(), relative);
        if (!System.IO.File.Exists(path)) Assert.Ignore($"shared data not present: {path}");
        return path;
    }
}
