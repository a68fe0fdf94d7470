using System.Security.Cryptography;

namespace MentionWatch.Teacher;

/// <summary>
/// Binary cache of one TSV's embeddings: a format tag, the SHA-256 of the TSV it was made from, the encoder's name, row
/// count, dimension, then per row text, label, period and the vector. (Version 1 had no encoder name: it was MiniLM.) Embedding sentiment140 takes ~8 minutes on two cores; the cache
/// lets the teacher be re-run in seconds, and `teach` refuses a cache whose TSV has changed since.
/// </summary>
internal static class EmbeddingCache
{
    private const string FormatV1 = "mentionwatch-embeddings-v1";
    private const string Format = "mentionwatch-embeddings-v2";

    public static string SourceHash(string tsvPath)
    {
        using var stream = File.OpenRead(tsvPath);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    public static void Write(string path, string sourceHash, string encoder, IReadOnlyList<TsvRow> rows, IReadOnlyList<float[]> vectors)
    {
        using var writer = new BinaryWriter(File.Create(path));
        writer.Write(Format);
        writer.Write(sourceHash);
        writer.Write(encoder);
        writer.Write(rows.Count);
        writer.Write(vectors.Count == 0 ? 0 : vectors[0].Length);
        for (var i = 0; i < rows.Count; i++)
        {
            writer.Write(rows[i].Text);
            writer.Write(rows[i].Label);
            writer.Write(rows[i].Period);
            foreach (var value in vectors[i]) writer.Write(value);
        }
    }

    public static (List<TsvRow> Rows, float[][] Vectors, string Encoder) Read(string path, string? expectedSourceHash = null)
    {
        using var reader = new BinaryReader(File.OpenRead(path));
        var format = reader.ReadString();
        if (format is not (Format or FormatV1)) throw new InvalidDataException($"{path}: not an embedding cache written by 'mentionwatch-teacher embed'");
        var hash = reader.ReadString();
        var encoder = format == FormatV1 ? SentenceEncoders.MiniLm : reader.ReadString();
        if (expectedSourceHash is not null && hash != expectedSourceHash)
            throw new InvalidDataException($"{path}: made from another version of its TSV; run 'mentionwatch-teacher embed' again");
        var count = reader.ReadInt32();
        var dim = reader.ReadInt32();
        var rows = new List<TsvRow>(count);
        var vectors = new float[count][];
        for (var i = 0; i < count; i++)
        {
            rows.Add(new TsvRow(reader.ReadString(), reader.ReadString(), reader.ReadString()));
            vectors[i] = new float[dim];
            for (var d = 0; d < dim; d++) vectors[i][d] = reader.ReadSingle();
        }
        return (rows, vectors, encoder);
    }
}
