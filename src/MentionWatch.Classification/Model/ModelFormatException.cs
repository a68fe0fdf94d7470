namespace MentionWatch.Classification;

/// <summary>A model file is missing, truncated, corrupted, of another format or does not fit its partner model.</summary>
public sealed class ModelFormatException : Exception
{
    public ModelFormatException(string path, string problem)
        : base($"Model file '{path}' is not usable: {problem}")
    {
        Path = path;
        Problem = problem;
    }

    public ModelFormatException(string path, string problem, Exception inner)
        : base($"Model file '{path}' is not usable: {problem}", inner)
    {
        Path = path;
        Problem = problem;
    }

    /// <summary>The file that was refused.</summary>
    public string Path { get; }

    /// <summary>What is wrong with it.</summary>
    public string Problem { get; }
}
